using System.Globalization;
using Spectre.Console;

namespace CotForge.Cli.Commands;

/// <summary>
/// Collects every problem with a command's options so that a user sees them all at once, each naming the option,
/// the value it had and how to fix it, instead of fixing one error per attempt.
/// </summary>
internal sealed class SettingsErrors
{
    private readonly List<string> _errors = [];

    public int Count => _errors.Count;

    public IReadOnlyList<string> Messages => _errors;

    /// <summary>Records "'option' problem; was value. fix".</summary>
    public void Add(string option, object? value, string problem, string fix)
    {
        string shown = value switch
        {
            null => "not set",
            string s => "'" + s + "'",
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? "not set",
        };
        _errors.Add($"{option} {problem}; was {shown}. {fix}");
    }

    /// <summary>Records a message that does not fit the option/value shape (a rule across two options).</summary>
    public void Add(string message) => _errors.Add(message);

    /// <summary>Checks that an optional integer lies in [min, max].</summary>
    public void InRange(string option, long? value, long min, long max, string example)
    {
        if (value is { } v && (v < min || v > max))
        {
            Add(option, v, $"must be between {min.ToString(CultureInfo.InvariantCulture)} and {max.ToString(CultureInfo.InvariantCulture)}",
                Example(option, example));
        }
    }

    /// <summary>Checks that an optional number lies in [min, max].</summary>
    public void InRange(string option, double? value, double min, double max, string example)
    {
        if (value is { } v && (double.IsNaN(v) || v < min || v > max))
        {
            Add(option, v, $"must be between {min.ToString(CultureInfo.InvariantCulture)} and {max.ToString(CultureInfo.InvariantCulture)}",
                Example(option, example));
        }
    }

    /// <summary>Checks that an optional value is one of the allowed choices (case-insensitive).</summary>
    public void OneOf(string option, string? value, IReadOnlyCollection<string> allowed)
    {
        if (value is not null && !allowed.Contains(value, StringComparer.OrdinalIgnoreCase))
        {
            Add(option, value, "is not a known choice", $"Use one of: {string.Join(", ", allowed)}.");
        }
    }

    /// <summary>"Use a value such as --max-depth 3." for an option; "Use a value such as 3." for a config key.</summary>
    private static string Example(string option, string example) =>
        option.StartsWith("--", StringComparison.Ordinal) ? $"Use a value such as {option} {example}." : $"Use a value such as {example}.";

    /// <summary>All problems as one Spectre validation result (success when there are none).</summary>
    public ValidationResult ToResult() => _errors.Count == 0
        ? ValidationResult.Success()
        : ValidationResult.Error(Format(_errors));

    /// <summary>The one-message form used for validation results and configuration errors.</summary>
    public static string Format(IReadOnlyList<string> errors) => errors.Count == 1
        ? errors[0]
        : $"{errors.Count} problems with the options:" + string.Concat(errors.Select(e => Environment.NewLine + "  - " + e));
}
