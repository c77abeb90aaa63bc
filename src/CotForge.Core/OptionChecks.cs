namespace CotForge.Core;

/// <summary>Shared wording for option validation, so every options type reports problems the same way.</summary>
internal static class OptionChecks
{
    public static void Range(List<string> problems, string name, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            problems.Add($"'{name}' must be between {min} and {max}; was {value}.");
        }
    }

    public static void Range(List<string> problems, string name, double value, double min, double max)
    {
        if (double.IsNaN(value) || value < min || value > max)
        {
            problems.Add($"'{name}' must be between {min} and {max}; was {value}.");
        }
    }

    public static void ThrowIfAny(List<string> problems, string owner)
    {
        if (problems.Count > 0)
        {
            throw new ArgumentException($"Invalid {owner}: " + string.Join(" ", problems));
        }
    }
}
