using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace CotForge.Llm.Simulation;

/// <summary>
/// Answer arithmetic of the simulated provider: normalising and comparing answers the way a sensible judge would
/// (numbers as values), and making a plausible wrong answer out of a right one.
/// </summary>
internal static partial class AnswerText
{
    private static readonly string[] WrongStatements =
    [
        "It cannot be determined from the information given.",
        "The popular belief about this is accurate.",
        "It depends entirely on the circumstances, so no general answer exists.",
        "The opposite of what is usually claimed is true.",
        "Nothing in particular; the question rests on a false premise.",
    ];

    /// <summary>Lower case, single spaces, no surrounding quotes or trailing <c>.!?</c>.</summary>
    public static string Normalize(string text)
    {
        var builder = new StringBuilder(text.Length);
        bool space = false;
        foreach (char c in text.Trim().Trim('"', '\'', '`', '*'))
        {
            if (char.IsWhiteSpace(c))
            {
                space = builder.Length > 0;
                continue;
            }

            if (space)
            {
                builder.Append(' ');
                space = false;
            }

            builder.Append(char.ToLowerInvariant(c));
        }

        return builder.ToString().TrimEnd('.', '!', '?', ' ');
    }

    /// <summary>Parses text that is only a number, allowing currency signs, thousands separators and a percent sign.</summary>
    public static bool TryParseNumber(string text, out decimal value)
    {
        var cleaned = new StringBuilder(text.Length);
        foreach (char c in Normalize(text))
        {
            if (c is '$' or '€' or '£' or ',' or ' ' or '%')
            {
                continue;
            }

            cleaned.Append(c);
        }

        return decimal.TryParse(cleaned.ToString(), NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>The last number written in <paramref name="text"/>, with its position, or null.</summary>
    public static (decimal Value, int Index, int Length)? LastNumber(string text)
    {
        var matches = NumberPattern().Matches(text);
        if (matches.Count == 0)
        {
            return null;
        }

        var last = matches[^1];
        return decimal.TryParse(last.Value.Replace(",", string.Empty, StringComparison.Ordinal), NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? (value, last.Index, last.Length)
            : null;
    }

    /// <summary>
    /// Whether <paramref name="candidate"/> answers <paramref name="groundTruth"/>. Strict: the same text or the same
    /// number. Lenient also accepts a candidate whose last number equals a numeric ground truth, or one that contains
    /// the ground truth's text.
    /// </summary>
    public static bool Matches(string? candidate, string groundTruth, bool strict)
    {
        if (string.IsNullOrWhiteSpace(candidate))
        {
            return false;
        }

        string c = Normalize(candidate);
        string g = Normalize(groundTruth);
        if (c == g)
        {
            return true;
        }

        bool groundIsNumber = TryParseNumber(groundTruth, out var groundValue);
        if (groundIsNumber && TryParseNumber(candidate, out var candidateValue))
        {
            return candidateValue == groundValue;
        }

        if (strict)
        {
            return false;
        }

        if (groundIsNumber)
        {
            return LastNumber(candidate) is { } last && last.Value == groundValue;
        }

        return g.Length > 0 && c.Contains(g, StringComparison.Ordinal);
    }

    /// <summary>
    /// A plausible wrong answer: numbers are moved by a small deterministic amount (keeping the rest of the text), other
    /// answers are replaced by a different statement. Never <see cref="Matches"/> the ground truth.
    /// </summary>
    public static string MakeWrong(string groundTruth, ref DeterministicRandom random)
    {
        if (LastNumber(groundTruth) is { } number)
        {
            decimal[] offsets = [1, -1, 2, -2, 3, 5, 10, -10];
            decimal wrong = number.Value + offsets[random.Next(offsets.Length)];
            if (random.Next(4) == 0 && number.Value != 0)
            {
                wrong = number.Value * 2;
            }

            string text = wrong.ToString(CultureInfo.InvariantCulture);
            return groundTruth[..number.Index] + text + groundTruth[(number.Index + number.Length)..];
        }

        int start = random.Next(WrongStatements.Length);
        for (int i = 0; i < WrongStatements.Length; i++)
        {
            string statement = WrongStatements[(start + i) % WrongStatements.Length];
            if (!Matches(statement, groundTruth, strict: false) && !Matches(groundTruth, statement, strict: false))
            {
                return statement;
            }
        }

        return "I do not know.";
    }

    [GeneratedRegex(@"-?\d{1,3}(?:,\d{3})+(?:\.\d+)?|-?\d+(?:\.\d+)?", RegexOptions.CultureInvariant)]
    private static partial Regex NumberPattern();
}
