using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace CotForge.Core.Parsing;

/// <summary>
/// Finds the JSON value a model meant to send inside whatever it actually sent: code fences, prose around it,
/// raw newlines and tabs inside strings, stray backslashes, single quotes, Python literals, trailing commas,
/// a missing closing bracket, or output cut off mid-string.
/// </summary>
/// <remarks>
/// Strategy: try each opening bracket in turn (fenced blocks first), parse the balanced extent strictly, and only
/// if that fails run one repairing pass over the text. A value is accepted only if the caller's predicate wants
/// it, so a stray <c>{braces}</c> in the prose cannot shadow the real payload.
/// </remarks>
internal static partial class LenientJson
{
    private const int MaxStarts = 64;
    private const int MaxCutBacks = 8;

    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        AllowTrailingCommas = true,
        CommentHandling = JsonCommentHandling.Skip,
        MaxDepth = 64,
    };

    /// <summary>
    /// What <see cref="Extract"/> found. It owns the parsed document under <see cref="Value"/> (pooled buffers, not
    /// a clone: cloning every reply's value copied its bytes and metadata again, ~5 % of a run's allocations), so
    /// read what you need and dispose it.
    /// </summary>
    internal sealed class Extraction : IDisposable
    {
        public JsonDocument? Document { get; init; }

        public JsonElement Value { get; init; }

        public bool Found { get; init; }

        public bool Truncated { get; init; }

        /// <summary>The text ended inside a string, so the last string value of the result is incomplete.</summary>
        public bool LastValueCut { get; init; }

        public List<string> Repairs { get; init; } = [];

        public ParseFailureKind Failure { get; init; }

        public string? Message { get; init; }

        public void Dispose() => Document?.Dispose();
    }

    /// <summary>Returns the first JSON value in <paramref name="text"/> that <paramref name="wanted"/> accepts.</summary>
    /// <param name="text">The model's reply.</param>
    /// <param name="wanted">Accepts the value the caller is looking for.</param>
    /// <param name="allowArray">Also try values starting with '['.</param>
    /// <param name="expected">A phrase for failure messages, e.g. <c>an object with a "CoT" key</c>.</param>
    public static Extraction Extract(string? text, Func<JsonElement, bool> wanted, bool allowArray, string expected)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return new Extraction { Failure = ParseFailureKind.Empty, Message = "The reply is empty." };
        }

        var regions = new List<(string Text, string? Repair)>(1);
        if (text.Contains("```", StringComparison.Ordinal))
        {
            foreach (Match fence in FenceRegex().Matches(text))
            {
                regions.Add((fence.Groups["body"].Value, "took the JSON out of a code fence"));
            }
        }

        regions.Add((text, null));

        // The first value that parsed but was not the one wanted, kept until the failure message has described it.
        JsonDocument? unwanted = null;
        try
        {
            return Search(regions, wanted, allowArray, expected, ref unwanted);
        }
        finally
        {
            unwanted?.Dispose();
        }
    }

    private static Extraction Search(List<(string Text, string? Repair)> regions, Func<JsonElement, bool> wanted, bool allowArray, string expected, ref JsonDocument? unwanted)
    {
        bool sawBracket = false;
        bool attempted = false;
        string? firstError = null;
        bool sawTruncation = false;
        foreach (var (region, regionRepair) in regions)
        {
            int starts = 0;
            int failedUntil = -1;
            for (int i = 0; i < region.Length && starts < MaxStarts; i++)
            {
                char c = region[i];
                if (c != '{' && !(allowArray && c == '['))
                {
                    continue;
                }

                sawBracket = true;
                if (!IsPlausibleStart(region, i))
                {
                    continue;
                }

                starts++;
                attempted = true;
                var repairs = new List<string>();
                if (regionRepair is not null)
                {
                    repairs.Add(regionRepair);
                }

                // Fast path: the balanced extent parses as it is.
                int end = FindBalancedEnd(region, i);
                string? strictError = null;
                if (end > 0 && TryParse(region.AsMemory(i, end - i + 1), out var strict, out strictError))
                {
                    if (wanted(strict.RootElement))
                    {
                        if (HasProse(region, i, end))
                        {
                            repairs.Add("ignored text around the JSON");
                        }

                        return new Extraction { Found = true, Document = strict, Value = strict.RootElement, Repairs = repairs };
                    }

                    KeepFirstUnwanted(ref unwanted, strict, i > failedUntil);
                    continue;
                }

                var repaired = Repair(region, i);
                bool parsed = false;
                repairs.AddRange(repaired.Repairs);
                sawTruncation |= !repaired.Complete;
                for (int a = 0; a < repaired.Attempts.Count; a++)
                {
                    if (TryParse(repaired.Attempts[a].AsMemory(), out var value, out string? error))
                    {
                        if (wanted(value.RootElement))
                        {
                            // A cut-back candidate (a > 0) dropped a half-written tail: the reply was cut off.
                            bool truncated = repaired.Truncated || a > 0;
                            bool lastValueCut = a == 0 && repaired.CutInString;
                            if (repaired.Complete && HasProse(region, i, repaired.EndIndex))
                            {
                                repairs.Add("ignored text around the JSON");
                            }

                            return new Extraction { Found = true, Document = value, Value = value.RootElement, Repairs = repairs, Truncated = truncated, LastValueCut = lastValueCut };
                        }

                        KeepFirstUnwanted(ref unwanted, value, i > failedUntil);

                        parsed = true;
                        break;
                    }

                    firstError ??= end > 0 ? strictError : error;
                }

                if (!parsed)
                {
                    // Values nested inside a broken one are fragments of it, not the reply's answer: a step object
                    // inside a broken CoT list must not be reported as "JSON without a CoT key".
                    failedUntil = Math.Max(failedUntil, end > 0 ? end : region.Length);
                }
            }
        }

        if (!sawBracket || !attempted)
        {
            return new Extraction { Failure = ParseFailureKind.NoJson, Message = $"The reply contains no JSON; expected {expected}." };
        }

        if (unwanted is { } other)
        {
            return new Extraction
            {
                Failure = ParseFailureKind.MissingKey,
                Message = $"The reply's JSON is not {expected}; it has {DescribeKeys(other.RootElement)}.",
            };
        }

        return sawTruncation
            ? new Extraction { Failure = ParseFailureKind.Truncated, Message = $"The reply was cut off and no complete {expected} could be recovered ({firstError})." }
            : new Extraction { Failure = ParseFailureKind.InvalidJson, Message = $"The reply's JSON is broken beyond repair: {firstError}" };
    }

    /// <summary>
    /// Cheap filter before a real attempt: an object must open with a key (or close at once), a list with a value.
    /// Keeps "{x}" in prose and "\frac{1}{2}" in maths from using up the attempts.
    /// </summary>
    private static bool IsPlausibleStart(string text, int at)
    {
        int k = SkipWhitespace(text, at + 1);
        if (k >= text.Length)
        {
            return true;
        }

        char next = text[k];
        return text[at] == '{'
            ? next is '"' or '\'' or '}'
            : next is '{' or '[' or '"' or '\'' or ']' || char.IsDigit(next) || next == '-';
    }

    /// <summary>Looks up a key ignoring case, '_', '-' and spaces (<c>CoT</c>, <c>cot</c>, <c>Natural_Reasoning</c>). Last duplicate wins.</summary>
    public static bool TryGetLoose(JsonElement obj, string normalizedKey, out JsonElement value)
    {
        value = default;
        bool found = false;
        if (obj.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        foreach (var property in obj.EnumerateObject())
        {
            if (NameEqualsNormalized(property, normalizedKey))
            {
                value = property.Value;
                found = true;
            }
        }

        return found;
    }

    /// <summary>
    /// <see cref="EqualsNormalized"/> on the property's name as it stands in the reply's UTF-8, without decoding it
    /// into a string (decoding every property name of every reply was ~4 % of a run's allocation). Names with escapes
    /// or non-ASCII characters take the string path.
    /// </summary>
    private static bool NameEqualsNormalized(JsonProperty property, string normalizedKey)
    {
        ReadOnlySpan<byte> raw = JsonMarshal.GetRawUtf8PropertyName(property);
        int matched = 0;
        foreach (byte b in raw)
        {
            if (b >= 0x80 || b == (byte)'\\')
            {
                return EqualsNormalized(property.Name, normalizedKey);
            }

            char c = (char)b;
            if (!MatchesNext(c, char.IsAsciiLetterOrDigit(c), normalizedKey, ref matched))
            {
                return false;
            }
        }

        return matched == normalizedKey.Length;
    }

    /// <summary>
    /// <c>NormalizeKey(key) == normalizedKey</c> without building the normalized string: this runs for every
    /// property of every parsed reply.
    /// </summary>
    private static bool EqualsNormalized(string key, string normalizedKey)
    {
        int matched = 0;
        foreach (char c in key)
        {
            if (!MatchesNext(c, char.IsLetterOrDigit(c), normalizedKey, ref matched))
            {
                return false;
            }
        }

        return matched == normalizedKey.Length;
    }

    /// <summary>
    /// One character of a key against <paramref name="normalizedKey"/>: skipped unless <paramref name="kept"/>,
    /// otherwise it must equal the next character (case-insensitively), which <paramref name="matched"/> then passes.
    /// </summary>
    private static bool MatchesNext(char c, bool kept, string normalizedKey, ref int matched)
    {
        if (!kept)
        {
            return true;
        }

        if (matched == normalizedKey.Length || char.ToLowerInvariant(c) != normalizedKey[matched])
        {
            return false;
        }

        matched++;
        return true;
    }

    /// <summary>Lower-case letters and digits only.</summary>
    public static string NormalizeKey(string key)
    {
        var sb = new StringBuilder(key.Length);
        foreach (char c in key)
        {
            if (char.IsLetterOrDigit(c))
            {
                sb.Append(char.ToLowerInvariant(c));
            }
        }

        return sb.ToString();
    }

    private static string DescribeKeys(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return $"a top-level {element.ValueKind.ToString().ToLowerInvariant()}";
        }

        var keys = element.EnumerateObject().Select(p => "'" + p.Name + "'").Take(8).ToList();
        return keys.Count == 0 ? "no keys" : "the keys " + string.Join(", ", keys);
    }

    private static bool HasProse(string region, int start, int end) =>
        !region.AsSpan(0, start).IsWhiteSpace() || (end + 1 < region.Length && !region.AsSpan(end + 1).IsWhiteSpace());

    /// <summary>The first value parsed that was not the one wanted is kept for the failure message; others are let go.</summary>
    private static void KeepFirstUnwanted(ref JsonDocument? unwanted, JsonDocument document, bool counts)
    {
        if (counts && unwanted is null)
        {
            unwanted = document;
        }
        else
        {
            document.Dispose();
        }
    }

    private static bool TryParse(ReadOnlyMemory<char> json, [NotNullWhen(true)] out JsonDocument? document, out string? error)
    {
        // Every reply is parsed here. Parsing characters, the document transcodes them into a pooled buffer that it
        // owns and reads in place until it is disposed: no copy of the text into a new string, no clone of the value.
        try
        {
            document = JsonDocument.Parse(json, DocumentOptions);
            error = null;
            return true;
        }
        catch (JsonException ex)
        {
            document = null;
            error = ex.Message;
            return false;
        }
    }

    /// <summary>The index of the bracket closing the one at <paramref name="start"/>, or -1 when the text ends first.</summary>
    private static int FindBalancedEnd(string text, int start)
    {
        int depth = 0;
        bool inString = false;
        for (int i = start; i < text.Length; i++)
        {
            char c = text[i];
            if (inString)
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == '"')
                {
                    inString = false;
                }

                continue;
            }

            switch (c)
            {
                case '"':
                    inString = true;
                    break;
                case '{' or '[':
                    depth++;
                    break;
                case '}' or ']':
                    depth--;
                    if (depth == 0)
                    {
                        return i;
                    }

                    break;
            }
        }

        return -1;
    }

    [GeneratedRegex(@"```[ \t]*(?:json|JSON|Json|javascript|js)?[ \t]*\r?\n?(?<body>.*?)(?:```|\z)", RegexOptions.Singleline)]
    private static partial Regex FenceRegex();
}
