using System.Text.RegularExpressions;

namespace CotForge.Cli.Commands.Run;

/// <summary>
/// Turns <c>--answer-pattern</c> into a regex that pulls the ground truth out of an answer field: a preset
/// (<c>gsm8k</c>: the text after the last <c>#### </c>), <c>none</c> (keep the whole field), or the user's own regex,
/// whose group named <c>answer</c> (else its first group, else the whole match) is the ground truth.
/// </summary>
internal static class AnswerPatterns
{
    public const string Gsm8k = "gsm8k";
    public const string None = "none";

    /// <summary>GSM8K writes a worked solution and ends it with <c>#### final</c>.</summary>
    public static readonly Regex Gsm8kRegex = new(@"####[ \t]*(?<answer>[^\n]*?)\s*\z", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    /// <summary>Parses a pattern; <paramref name="regex"/> is null for <c>none</c>.</summary>
    public static bool TryParse(string pattern, out Regex? regex, out string? error)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        error = null;
        regex = null;
        if (pattern.Equals(None, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (pattern.Equals(Gsm8k, StringComparison.OrdinalIgnoreCase))
        {
            regex = Gsm8kRegex;
            return true;
        }

        try
        {
            // A timeout bounds what a pathological user pattern can cost per row.
            regex = new Regex(pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
            return true;
        }
        catch (ArgumentException ex)
        {
            error = ex.Message;
            return false;
        }
    }

    /// <summary>The ground truth inside <paramref name="answer"/>, or null when the pattern does not match.</summary>
    public static string? Extract(Regex regex, string answer)
    {
        ArgumentNullException.ThrowIfNull(regex);
        ArgumentNullException.ThrowIfNull(answer);
        var match = regex.Match(answer);
        if (!match.Success)
        {
            return null;
        }

        var group = match.Groups["answer"];
        if (!group.Success && match.Groups.Count > 1)
        {
            group = match.Groups[1];
        }

        var value = (group.Success ? group.Value : match.Value).Trim();
        return value.Length == 0 ? null : value;
    }

    /// <summary>True when answers look like GSM8K's: a line that starts with <c>#### </c> ends the text.</summary>
    public static bool LooksLikeGsm8k(IEnumerable<string> sampleAnswers)
    {
        ArgumentNullException.ThrowIfNull(sampleAnswers);
        int seen = 0;
        foreach (var raw in sampleAnswers)
        {
            seen++;
            var answer = raw.TrimEnd();
            int at = answer.LastIndexOf("#### ", StringComparison.Ordinal);
            if (at < 0 || (at > 0 && answer[at - 1] != '\n') || answer.IndexOf('\n', at) >= 0)
            {
                return false;
            }
        }

        return seen > 0;
    }
}
