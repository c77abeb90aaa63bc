using System.Text;

namespace CotForge.Core.Parsing;

/// <content>The repairing pass: rewrites what models get wrong into JSON that parses.</content>
internal static partial class LenientJson
{
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
}
