using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace CotForge.Llm.Simulation;

/// <summary>
/// Writes one reply into a per-thread character buffer and hands it out as a single right-sized string: no growing
/// builders, no intermediate strings per piece, no UTF-8 round trip. Carries the little JSON the replies need (string
/// escaping and compact punctuation), so a reply is written in the order it reads.
/// </summary>
/// <remarks>
/// One builder per thread at a time: the buffer is shared, so never start a second reply before finishing the first.
/// Escapes only what JSON requires (quote, backslash, control characters); other characters are written as they are,
/// which any JSON reader reads back to the same text.
/// </remarks>
internal ref struct ReplyBuilder
{
    private const int InitialSize = 2048;
    private const int MaxRetainedSize = 512 * 1024;

    // What JSON requires escaped inside a string: the quote, the backslash and the control characters.
    private static readonly SearchValues<char> JsonSpecial = SearchValues.Create(
        "\"\\\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u0009\u000A\u000B\u000C\u000D\u000E\u000F" +
        "\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F");

    // What ReplaceLineEndings replaces.
    private static readonly SearchValues<char> LineEndings = SearchValues.Create("\r\n\f\u0085\u2028\u2029");

    [ThreadStatic]
    private static char[]? t_buffer;

    private char[] _buffer;
    private int _length;

    private ReplyBuilder(char[] buffer)
    {
        _buffer = buffer;
        _length = 0;
    }

    /// <summary>A builder over this thread's buffer.</summary>
    public static ReplyBuilder Start() => new(t_buffer ??= new char[InitialSize]);

    public readonly int Length => _length;

    public void Append(char c)
    {
        if (_length == _buffer.Length)
        {
            Grow(1);
        }

        _buffer[_length++] = c;
    }

    public void Append(scoped ReadOnlySpan<char> text)
    {
        if (_length + text.Length > _buffer.Length)
        {
            Grow(text.Length);
        }

        text.CopyTo(_buffer.AsSpan(_length));
        _length += text.Length;
    }

    /// <summary>Appends <paramref name="value"/> in its shortest round-trip form, as JSON writes numbers.</summary>
    public void Append(double value)
    {
        Span<char> digits = stackalloc char[32];
        value.TryFormat(digits, out int written, default, CultureInfo.InvariantCulture);
        Append(digits[..written]);
    }

    /// <summary>Appends <paramref name="text"/> escaped for the inside of a JSON string (no quotes added).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void AppendEscaped(scoped ReadOnlySpan<char> text)
    {
        while (!text.IsEmpty)
        {
            int special = text.IndexOfAny(JsonSpecial);
            if (special < 0)
            {
                Append(text);
                return;
            }

            Append(text[..special]);
            AppendEscaped(text[special]);
            text = text[(special + 1)..];
        }
    }

    /// <summary>
    /// Appends <paramref name="text"/> escaped, as the simulator shortens quoted input: line breaks flattened to
    /// spaces, trimmed, and cut to <paramref name="max"/> characters with "..." when longer
    /// (<c>ReplaceLineEndings(" ").Trim()</c>, then <c>[..max].TrimEnd() + "..."</c>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void AppendEscapedShortened(scoped ReadOnlySpan<char> text, int max)
    {
        // Trimming first flattens to the same text: every line ending is white space, and flattening keeps white
        // space white. So only the first max + 1 flattened characters are needed to decide and write.
        text = text.Trim();
        if (text.IndexOfAny(LineEndings) < 0)
        {
            // The usual case, a question on one line: nothing to flatten.
            if (text.Length <= max)
            {
                AppendEscaped(text);
            }
            else
            {
                AppendEscaped(text[..max].TrimEnd());
                Append("...");
            }

            return;
        }

        Span<char> flat = stackalloc char[max + 1];
        int length = 0;
        for (int i = 0; i < text.Length && length <= max; i++)
        {
            char c = text[i];
            if (LineEndings.Contains(c))
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                c = ' ';
            }

            flat[length++] = c;
        }

        if (length <= max)
        {
            AppendEscaped(flat[..length]);
            return;
        }

        AppendEscaped(flat[..max].TrimEnd());
        Append("...");
    }

    /// <summary>Appends <c>"name":</c>, the name escaped.</summary>
    public void AppendPropertyName(scoped ReadOnlySpan<char> name)
    {
        Append('"');
        AppendEscaped(name);
        Append("\":");
    }

    /// <summary>Appends <c>"name":"value"</c>, both escaped.</summary>
    public void AppendStringProperty(scoped ReadOnlySpan<char> name, scoped ReadOnlySpan<char> value)
    {
        AppendPropertyName(name);
        Append('"');
        AppendEscaped(value);
        Append('"');
    }

    /// <summary>The reply written so far, as one string.</summary>
    public override readonly string ToString() => new(_buffer, 0, _length);

    private void AppendEscaped(char c)
    {
        switch (c)
        {
            case '"':
                Append("\\\"");
                break;
            case '\\':
                Append("\\\\");
                break;
            case '\n':
                Append("\\n");
                break;
            case '\r':
                Append("\\r");
                break;
            case '\t':
                Append("\\t");
                break;
            case '\b':
                Append("\\b");
                break;
            case '\f':
                Append("\\f");
                break;
            default:
                Span<char> escape = ['\\', 'u', '0', '0', Hex(c >> 4), Hex(c & 0xF)];
                Append(escape);
                break;
        }
    }

    private static char Hex(int digit) => (char)(digit < 10 ? '0' + digit : 'a' + digit - 10);

    private void Grow(int needed)
    {
        var larger = new char[Math.Max(_buffer.Length * 2, _length + needed)];
        _buffer.AsSpan(0, _length).CopyTo(larger);
        _buffer = larger;
        if (larger.Length <= MaxRetainedSize)
        {
            t_buffer = larger;
        }
    }
}
