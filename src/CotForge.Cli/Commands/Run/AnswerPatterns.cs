using System.Text.RegularExpressions;

namespace CotForge.Cli.Commands.Run;

/// <summary>
/// <c>--answer-pattern</c>: a preset (<c>gsm8k</c>: the text after the last <c>####</c>; <c>none</c>: the whole field)
/// or a regex whose group <c>answer</c> (else group 1, else the whole match) is the ground truth. The loader applies
/// it; the CLI checks it up front and detects GSM8K-style answers when no pattern is given.
/// </summary>
internal static class AnswerPatterns
{
    public const string Gsm8k = "gsm8k";
    public const string None = "none";

    /// <summary>Checks a pattern: a preset, or a regex that compiles. The loader applies it.</summary>
    public static bool IsValid(string pattern, out string? error)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        error = null;
        if (pattern.Equals(None, StringComparison.OrdinalIgnoreCase) || pattern.Equals(Gsm8k, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        try
        {
            _ = new Regex(pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
            return true;
        }
        catch (ArgumentException ex)
        {
            error = ex.Message;
            return false;
        }
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
