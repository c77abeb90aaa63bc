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

    /// <summary>What <see cref="Extract"/> found.</summary>
    internal sealed class Extraction
    {
        public JsonElement Value { get; init; }

        public bool Found { get; init; }

        public bool Truncated { get; init; }

        /// <summary>The text ended inside a string, so the last string value of the result is incomplete.</summary>
        public bool LastValueCut { get; init; }

        public List<string> Repairs { get; init; } = [];

        public ParseFailureKind Failure { get; init; }

        public string? Message { get; init; }
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

        var regions = new List<(string Text, string? Repair)>();
        foreach (Match fence in FenceRegex().Matches(text))
        {
            regions.Add((fence.Groups["body"].Value, "took the JSON out of a code fence"));
        }

        regions.Add((text, null));

        bool sawBracket = false;
        bool attempted = false;
        JsonElement? unwanted = null;
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
                if (end > 0 && TryParse(region.AsSpan(i, end - i + 1), out var strict, out strictError))
                {
                    if (wanted(strict))
                    {
                        if (HasProse(region, i, end))
                        {
                            repairs.Add("ignored text around the JSON");
                        }

                        return new Extraction { Found = true, Value = strict, Repairs = repairs };
                    }

                    if (i > failedUntil)
                    {
                        unwanted ??= strict;
                    }

                    continue;
                }

                var repaired = Repair(region, i);
                bool parsed = false;
                repairs.AddRange(repaired.Repairs);
                sawTruncation |= !repaired.Complete;
                for (int a = 0; a < repaired.Attempts.Count; a++)
                {
                    if (TryParse(repaired.Attempts[a], out var value, out string? error))
                    {
                        if (wanted(value))
                        {
                            // A cut-back candidate (a > 0) dropped a half-written tail: the reply was cut off.
                            bool truncated = repaired.Truncated || a > 0;
                            bool lastValueCut = a == 0 && repaired.CutInString;
                            if (repaired.Complete && HasProse(region, i, repaired.EndIndex))
                            {
                                repairs.Add("ignored text around the JSON");
                            }

                            return new Extraction { Found = true, Value = value, Repairs = repairs, Truncated = truncated, LastValueCut = lastValueCut };
                        }

                        if (i > failedUntil)
                        {
                            unwanted ??= value;
                        }

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
                Message = $"The reply's JSON is not {expected}; it has {DescribeKeys(other)}.",
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
            if (NormalizeKey(property.Name) == normalizedKey)
            {
                value = property.Value;
                found = true;
            }
        }

        return found;
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
        !string.IsNullOrWhiteSpace(region[..start]) || (end + 1 < region.Length && !string.IsNullOrWhiteSpace(region[(end + 1)..]));

    private static bool TryParse(ReadOnlySpan<char> json, out JsonElement value, out string? error)
    {
        try
        {
            using var document = JsonDocument.Parse(json.ToString(), DocumentOptions);
            value = document.RootElement.Clone();
            error = null;
            return true;
        }
        catch (JsonException ex)
        {
            value = default;
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

    private sealed class RepairResult
    {
        public List<string> Attempts { get; } = [];

        public List<string> Repairs { get; } = [];

        public bool Truncated { get; set; }

        public bool Complete { get; set; }

        public bool CutInString { get; set; }

        public int EndIndex { get; set; }
    }

    /// <summary>
    /// One pass over the text from <paramref name="start"/> that rewrites what models get wrong into valid JSON.
    /// When the text ends before the value does, it yields several candidate texts: everything closed where it
    /// stopped, then cut back to earlier commas (a half-written key or value is dropped rather than guessed).
    /// </summary>
    private static RepairResult Repair(string text, int start)
    {
        var result = new RepairResult();
        var sb = new StringBuilder(text.Length - start + 16);
        var closers = new List<char>();
        var cuts = new List<(int Length, char[] Closers)>();
        bool inString = false;
        char quote = '"';
        bool complete = false;
        var notes = new HashSet<string>(StringComparer.Ordinal);
        int i = start;
        for (; i < text.Length && !complete; i++)
        {
            char c = text[i];
            if (inString)
            {
                if (c == '\\')
                {
                    if (i + 1 >= text.Length)
                    {
                        break;
                    }

                    char next = text[i + 1];
                    if (next is '"' or '\\' or '/' or 'b' or 'f' or 'n' or 'r' or 't' || (next == 'u' && IsUnicodeEscape(text, i + 2)))
                    {
                        sb.Append(c).Append(next);
                    }
                    else if (next == '\'')
                    {
                        sb.Append('\'');
                    }
                    else
                    {
                        // "\frac" survives as a form feed, but "\(" or "\d" would break the parse: keep the backslash as text.
                        sb.Append(@"\\");
                        i--;
                        notes.Add("escaped stray backslashes");
                    }

                    i++;
                    continue;
                }

                if (c == quote)
                {
                    if (IsClosingQuote(text, i + 1))
                    {
                        sb.Append('"');
                        inString = false;
                    }
                    else
                    {
                        sb.Append("\\\"");
                        notes.Add("escaped quotes inside strings");
                    }

                    continue;
                }

                if (c == '"')
                {
                    sb.Append("\\\"");
                    continue;
                }

                if (c < ' ')
                {
                    sb.Append(c switch
                    {
                        '\n' => @"\n",
                        '\r' => @"\r",
                        '\t' => @"\t",
                        _ => $"\\u{(int)c:x4}",
                    });
                    notes.Add("escaped raw newlines/tabs inside strings");
                    continue;
                }

                sb.Append(c);
                continue;
            }

            switch (c)
            {
                case '"':
                case '\'':
                    inString = true;
                    quote = c;
                    sb.Append('"');
                    if (c == '\'')
                    {
                        notes.Add("replaced single quotes");
                    }

                    break;
                case '{':
                case '[':
                    if (closers.Count > 0 && LastSignificant(sb) is '}' or ']')
                    {
                        // "} {" between list items: the model forgot the comma.
                        cuts.Add((sb.Length, closers.ToArray()));
                        sb.Append(',');
                        notes.Add("inserted missing commas");
                    }

                    closers.Add(c == '{' ? '}' : ']');
                    sb.Append(c);
                    break;
                case '}' or ']':
                    int at = closers.LastIndexOf(c);
                    if (at < 0)
                    {
                        notes.Add("dropped a stray closing bracket");
                        break;
                    }

                    while (closers.Count - 1 > at)
                    {
                        sb.Append(closers[^1]);
                        closers.RemoveAt(closers.Count - 1);
                        notes.Add("inserted a missing closing bracket");
                    }

                    closers.RemoveAt(closers.Count - 1);
                    sb.Append(c);
                    if (closers.Count == 0)
                    {
                        complete = true;
                        result.EndIndex = i;
                    }

                    break;
                case ',':
                    cuts.Add((sb.Length, closers.ToArray()));
                    sb.Append(c);
                    break;
                default:
                    if (char.IsLetter(c) && (i == 0 || !char.IsLetterOrDigit(text[i - 1])))
                    {
                        string? literal = PythonLiteral(text, i);
                        if (literal is not null)
                        {
                            sb.Append(literal.Equals("None", StringComparison.Ordinal) ? "null" : literal.ToLowerInvariant());
                            i += literal.Length - 1;
                            notes.Add("replaced Python literals");
                            break;
                        }
                    }

                    sb.Append(c);
                    break;
            }
        }

        if (complete)
        {
            result.Complete = true;
            result.Repairs.AddRange(notes);
            result.Attempts.Add(sb.ToString());
            return result;
        }

        // The text ended inside the value: close what is open. A reply whose only flaw is a forgotten final
        // bracket closes cleanly; one cut off mid-sentence is marked truncated.
        bool cutMidValue = inString;
        result.CutInString = inString;
        if (inString)
        {
            sb.Append('"');
        }

        string body = sb.ToString().TrimEnd();
        if (body.EndsWith(':'))
        {
            cutMidValue = true;
            body += "null";
        }
        else if (body.EndsWith(','))
        {
            // Everything before a dangling comma is complete; only what would have followed is missing.
            cutMidValue = true;
            body = body[..^1];
        }
        else if (body.EndsWith('{') || body.EndsWith('['))
        {
            cutMidValue = true;
        }

        result.Truncated = cutMidValue;
        result.Repairs.AddRange(notes);
        result.Repairs.Add(cutMidValue ? "closed output that was cut off" : "closed unclosed brackets");
        result.Attempts.Add(body + Closers(closers));
        for (int k = cuts.Count - 1; k >= 0 && k >= cuts.Count - MaxCutBacks; k--)
        {
            result.Attempts.Add(sb.ToString(0, cuts[k].Length) + Closers(cuts[k].Closers));
        }

        return result;
    }

    private static char LastSignificant(StringBuilder sb)
    {
        for (int k = sb.Length - 1; k >= 0; k--)
        {
            if (!char.IsWhiteSpace(sb[k]))
            {
                return sb[k];
            }
        }

        return '\0';
    }

    private static string Closers(IReadOnlyList<char> closers)
    {
        var sb = new StringBuilder(closers.Count);
        for (int k = closers.Count - 1; k >= 0; k--)
        {
            sb.Append(closers[k]);
        }

        return sb.ToString();
    }

    private static readonly System.Buffers.SearchValues<char> HexDigits = System.Buffers.SearchValues.Create("0123456789abcdefABCDEF");

    private static bool IsUnicodeEscape(string text, int at) =>
        at + 4 <= text.Length && !text.AsSpan(at, 4).ContainsAnyExcept(HexDigits);

    /// <summary>
    /// Decides whether a quote inside a string ends it, by what follows: a closing quote is followed by
    /// <c>:</c>, <c>,</c> (then another key or value), a closing bracket, or the end of the text.
    /// </summary>
    private static bool IsClosingQuote(string text, int from)
    {
        int k = SkipWhitespace(text, from);
        if (k >= text.Length)
        {
            return true;
        }

        char c = text[k];
        if (c is ':' or '}' or ']')
        {
            return true;
        }

        if (c != ',')
        {
            return false;
        }

        k = SkipWhitespace(text, k + 1);
        if (k >= text.Length)
        {
            return true;
        }

        char d = text[k];
        return d is '"' or '\'' or '{' or '[' or '}' or ']' || char.IsDigit(d) || d == '-'
            || StartsWithWord(text, k, "true") || StartsWithWord(text, k, "false") || StartsWithWord(text, k, "null");
    }

    private static bool StartsWithWord(string text, int at, string word) =>
        string.CompareOrdinal(text, at, word, 0, word.Length) == 0
        && (at + word.Length >= text.Length || !char.IsLetterOrDigit(text[at + word.Length]));

    private static string? PythonLiteral(string text, int at)
    {
        foreach (string word in (ReadOnlySpan<string>)["True", "False", "None"])
        {
            if (StartsWithWord(text, at, word))
            {
                return word;
            }
        }

        return null;
    }

    private static int SkipWhitespace(string text, int k)
    {
        while (k < text.Length && char.IsWhiteSpace(text[k]))
        {
            k++;
        }

        return k;
    }

    [GeneratedRegex(@"```[ \t]*(?:json|JSON|Json|javascript|js)?[ \t]*\r?\n?(?<body>.*?)(?:```|\z)", RegexOptions.Singleline)]
    private static partial Regex FenceRegex();
}
