using System.Buffers;
using System.Globalization;
using System.Text.RegularExpressions;

namespace CotForge.Llm.Simulation;

/// <summary>
/// Answer arithmetic of the simulated provider: normalising and comparing answers the way a sensible judge would
/// (numbers as values), and making a plausible wrong answer out of a right one.
/// </summary>
internal static partial class AnswerText
{
    // Answers up to this many characters are compared on the stack; longer ones borrow from the pool.
    private const int StackLimit = 256;

    private static readonly decimal[] WrongOffsets = [1, -1, 2, -2, 3, 5, 10, -10];

    private static readonly string[] WrongStatements =
    [
        "It cannot be determined from the information given.",
        "The popular belief about this is accurate.",
        "It depends entirely on the circumstances, so no general answer exists.",
        "The opposite of what is usually claimed is true.",
        "Nothing in particular; the question rests on a false premise.",
    ];

    /// <summary>Parses text that is only a number, allowing currency signs, thousands separators and a percent sign.</summary>
    public static bool TryParseNumber(string text, out decimal value) => TryParseNumber(text.AsSpan(), out value);

    /// <summary>The last number written in <paramref name="text"/>, with its position, or null.</summary>
    public static (decimal Value, int Index, int Length)? LastNumber(string text)
    {
        ValueMatch last = default;
        bool any = false;
        foreach (var match in NumberPattern().EnumerateMatches(text))
        {
            last = match;
            any = true;
        }

        if (!any)
        {
            return null;
        }

        var number = text.AsSpan(last.Index, last.Length);
        Span<char> digits = number.Length <= 64 ? stackalloc char[64] : new char[number.Length];
        int length = 0;
        foreach (char c in number)
        {
            if (c != ',')
            {
                digits[length++] = c;
            }
        }

        return decimal.TryParse(digits[..length], NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
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

        char[]? rented = null;
        int size = candidate.Length + groundTruth.Length;
        Span<char> buffer = size <= StackLimit ? stackalloc char[StackLimit] : (rented = ArrayPool<char>.Shared.Rent(size));
        var c = buffer[..Normalize(candidate, buffer)];
        var rest = buffer[c.Length..];
        var g = rest[..Normalize(groundTruth, rest)];
        bool matches = MatchesNormalized(candidate, c, g, strict);
        Return(rented);
        return matches;
    }

    /// <summary>
    /// A plausible wrong answer: numbers are moved by a small deterministic amount (keeping the rest of the text), other
    /// answers are replaced by a different statement. Never <see cref="Matches"/> the ground truth.
    /// </summary>
    public static string MakeWrong(string groundTruth, ref DeterministicRandom random)
    {
        if (LastNumber(groundTruth) is { } number)
        {
            decimal wrong = number.Value + WrongOffsets[random.Next(WrongOffsets.Length)];
            if (random.Next(4) == 0 && number.Value != 0)
            {
                wrong = number.Value * 2;
            }

            Span<char> text = stackalloc char[64];
            wrong.TryFormat(text, out int written, default, CultureInfo.InvariantCulture);
            return string.Concat(groundTruth.AsSpan(0, number.Index), text[..written], groundTruth.AsSpan(number.Index + number.Length));
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

    private static bool MatchesNormalized(string candidate, ReadOnlySpan<char> c, ReadOnlySpan<char> g, bool strict)
    {
        if (c.SequenceEqual(g))
        {
            return true;
        }

        bool groundIsNumber = TryParseNormalizedNumber(g, out var groundValue);
        if (groundIsNumber && TryParseNormalizedNumber(c, out var candidateValue))
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
    /// Writes <paramref name="text"/> normalised into <paramref name="destination"/> (never longer than the text):
    /// lower case, single spaces, no surrounding quotes or trailing <c>.!?</c>.
    /// </summary>
    private static int Normalize(ReadOnlySpan<char> text, Span<char> destination)
    {
        int length = 0;
        bool space = false;
        foreach (char c in text.Trim().Trim("\"'`*"))
        {
            if (char.IsWhiteSpace(c))
            {
                space = length > 0;
                continue;
            }

            if (space)
            {
                destination[length++] = ' ';
                space = false;
            }

            destination[length++] = char.ToLowerInvariant(c);
        }

        return destination[..length].TrimEnd(".!? ").Length;
    }

    private static bool TryParseNumber(ReadOnlySpan<char> text, out decimal value)
    {
        char[]? rented = null;
        Span<char> buffer = text.Length <= StackLimit ? stackalloc char[StackLimit] : (rented = ArrayPool<char>.Shared.Rent(text.Length));
        bool parsed = TryParseNormalizedNumber(buffer[..Normalize(text, buffer)], out value);
        Return(rented);
        return parsed;
    }

    private static bool TryParseNormalizedNumber(ReadOnlySpan<char> normalized, out decimal value)
    {
        Span<char> cleaned = normalized.Length <= StackLimit ? stackalloc char[StackLimit] : new char[normalized.Length];
        int length = 0;
        foreach (char c in normalized)
        {
            if (c is not ('$' or '€' or '£' or ',' or ' ' or '%'))
            {
                cleaned[length++] = c;
            }
        }

        return decimal.TryParse(cleaned[..length], NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    private static void Return(char[]? rented)
    {
        if (rented is not null)
        {
            ArrayPool<char>.Shared.Return(rented);
        }
    }

    [GeneratedRegex(@"-?\d{1,3}(?:,\d{3})+(?:\.\d+)?|-?\d+(?:\.\d+)?", RegexOptions.CultureInvariant)]
    private static partial Regex NumberPattern();
}
