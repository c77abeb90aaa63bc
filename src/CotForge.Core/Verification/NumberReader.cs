using System.Globalization;
using System.Text.RegularExpressions;

namespace CotForge.Core.Verification;

/// <summary>
/// Reads the number an answer ends on: "The answer is 42 apples" → 42, "$1,250.00" → 1250, "-3" → -3,
/// "1/2" → 0.5, "50%" → 50 (or 0.5), "#### 72" → 72 (GSM8K ground truths end this way).
/// </summary>
internal static partial class NumberReader
{
    /// <summary>The value of the last number in <paramref name="text"/>, or null when it has none.</summary>
    public static double? ReadLast(string? text, bool percentAsFraction)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        // Some models write a Unicode minus; some write numbers in LaTeX (\frac{1}{2} is left alone, $42$ works).
        string normalized = text.Replace('\u2212', '-').Replace('\u2013', '-');
        Match? last = null;
        foreach (Match m in NumberRegex().Matches(normalized))
        {
            last = m;
        }

        if (last is null)
        {
            return null;
        }

        double value;
        if (last.Groups["den"].Success)
        {
            double num = Parse(last.Groups["num"].Value);
            double den = Parse(last.Groups["den"].Value);
            if (den == 0)
            {
                return null;
            }

            value = num / den;
        }
        else
        {
            value = Parse(last.Groups["int"].Value + last.Groups["frac"].Value + last.Groups["exp"].Value);
        }

        if (last.Groups["sign"].Value == "-")
        {
            value = -value;
        }

        if (percentAsFraction && last.Groups["pct"].Success)
        {
            value /= 100;
        }

        return double.IsFinite(value) ? value : null;
    }

    private static double Parse(string digits) =>
        double.Parse(digits.Replace(",", string.Empty, StringComparison.Ordinal), NumberStyles.Float, CultureInfo.InvariantCulture);

    // sign, optional currency, then either a fraction a/b or a number with optional thousands separators
    // (exactly three digits per group, so "3,4" reads as two numbers), decimals and exponent; optional percent.
    // The look-behind keeps digits inside words or codes ("A4", "x2") from counting as numbers of their own.
    [GeneratedRegex(
        @"(?<![\w.])(?<sign>[-+])?\s?[$€£¥]?\s?(?:(?<num>\d+)\s*/\s*(?<den>\d+)(?![\d/])|(?<int>\d{1,3}(?:,\d{3})+|\d+)(?<frac>\.\d+)?(?<exp>[eE][-+]?\d+)?)(?:\s?(?<pct>%))?",
        RegexOptions.CultureInvariant)]
    private static partial Regex NumberRegex();
}
