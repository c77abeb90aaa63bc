using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace CotForge.Cli.Commands;

/// <summary>
/// The options every verb uses to address one dataset directory, <c>&lt;base-dir&gt;/&lt;dataset&gt;/&lt;search&gt;</c>.
/// </summary>
internal abstract class DatasetSettings : CommandSettings
{
    [CommandOption("--base-dir <DIR>")]
    [Description("Directory that holds the datasets. Default: data")]
    public string BaseDir { get; init; } = "data";

    [CommandOption("--dataset <NAME>")]
    [Description("Dataset name (a directory under --base-dir). Default: the only dataset there (for run: the input file name without extension)")]
    public string? Dataset { get; init; }

    [CommandOption("--search <NAME>")]
    [Description("Search algorithm: naive or beam (directories naive_linear_search / beam_search). Default: the only one present (for run: naive)")]
    public string? Search { get; init; }

    public sealed override ValidationResult Validate()
    {
        var errors = new SettingsErrors();
        Collect(errors);
        return errors.ToResult();
    }

    /// <summary>Adds this verb's problems; overrides call the base first so the shared options are checked too.</summary>
    protected virtual void Collect(SettingsErrors errors)
    {
        if (string.IsNullOrWhiteSpace(BaseDir))
        {
            errors.Add("--base-dir", BaseDir, "must name a directory", "Pass a path such as --base-dir data.");
        }

        CheckName(errors, "--dataset", Dataset);
        if (Search is not null && SearchNames.Normalize(Search) is null)
        {
            // Unknown names are only an error for the verbs that create directories; cot-forge directories may use custom names.
            CheckName(errors, "--search", Search);
        }
    }

    /// <summary>Names become directory names: refuse what would escape or break the layout.</summary>
    protected static void CheckName(SettingsErrors errors, string option, string? name)
    {
        if (name is null)
        {
            return;
        }

        if (name.Length == 0 || name == "." || name == ".." || name.IndexOfAny(['/', '\\']) >= 0 || name.Any(char.IsControl)
            || name.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0)
        {
            errors.Add(option, name, "must be a plain directory name (no path separators, '..' or control characters)",
                $"Use a simple name such as {option} gsm8k.");
        }
    }
}
