using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace CotForge.Pipeline.Load;

/// <summary>Pulls the ground truth out of a longer answer (see <see cref="InputOptions.AnswerPattern"/>).</summary>
internal sealed class AnswerExtractor
{
    private const string Gsm8kMarker = "####";
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(1);
    private readonly Regex? _regex;
    private readonly int _group;

    private AnswerExtractor(Regex? regex)
    {
        _regex = regex;
        if (regex is not null)
        {
            int named = regex.GroupNumberFromName("answer");
            _group = named >= 0 ? named : regex.GetGroupNumbers().Length > 1 ? 1 : 0;
        }
    }

    public static bool TryCreate(string pattern, [NotNullWhen(true)] out AnswerExtractor? extractor, out string? error)
    {
        if (string.Equals(pattern, InputOptions.Gsm8kPreset, StringComparison.OrdinalIgnoreCase))
        {
            extractor = new AnswerExtractor(null);
            error = null;
            return true;
        }

        try
        {
            extractor = new AnswerExtractor(new Regex(pattern, RegexOptions.CultureInvariant, MatchTimeout));
            error = null;
            return true;
        }
        catch (ArgumentException ex)
        {
            extractor = null;
            error = ex.Message;
            return false;
        }
    }

    /// <summary>The extracted, trimmed ground truth, or null when the answer does not match.</summary>
    public string? Extract(string answer)
    {
        if (_regex is null)
        {
            // GSM8K: the final answer follows the last "####"; what precedes it is the worked solution.
            int at = answer.LastIndexOf(Gsm8kMarker, StringComparison.Ordinal);
            if (at < 0)
            {
                return null;
            }

            string tail = answer[(at + Gsm8kMarker.Length)..].Trim();
            return tail.Length == 0 ? null : tail;
        }

        try
        {
            Match match = _regex.Match(answer);
            if (!match.Success || !match.Groups[_group].Success)
            {
                return null;
            }

            string value = match.Groups[_group].Value.Trim();
            return value.Length == 0 ? null : value;
        }
        catch (RegexMatchTimeoutException)
        {
            return null;
        }
    }
}
