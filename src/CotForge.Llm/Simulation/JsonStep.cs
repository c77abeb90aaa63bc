using System.Text;
using System.Text.Json;

namespace CotForge.Llm.Simulation;

/// <summary>
/// One step read by <see cref="JsonSteps"/>: the raw JSON of its first "action" and "content" values (empty when
/// missing), decoded only when asked.
/// </summary>
internal readonly ref struct JsonStep(ReadOnlySpan<byte> action, ReadOnlySpan<byte> content)
{
    private const string FinalConclusion = "Final Conclusion";

    private readonly ReadOnlySpan<byte> _action = action;
    private readonly ReadOnlySpan<byte> _content = content;

    /// <summary>Whether the action is the string "Final Conclusion", ignoring case.</summary>
    public bool IsFinalConclusion
    {
        get
        {
            // Only a string can be that text; any other value's raw JSON cannot.
            if (_action.IsEmpty || _action[0] != (byte)'"')
            {
                return false;
            }

            var inner = _action[1..^1];
            return inner.IndexOf((byte)'\\') < 0
                ? Ascii.EqualsIgnoreCase(inner, FinalConclusion)
                : string.Equals(Decode(_action), FinalConclusion, StringComparison.OrdinalIgnoreCase);
        }
    }

    /// <summary>The most characters <see cref="CopyContent"/> can write.</summary>
    public int MaxContentLength => _content.Length;

    /// <summary>
    /// Writes the content into <paramref name="destination"/> as <see cref="Core.Prompts.PromptReader.Steps"/> gives it
    /// (a string unescaped, any other value as its raw JSON, missing as empty); returns the characters written.
    /// </summary>
    public int CopyContent(Span<char> destination)
    {
        if (_content.IsEmpty)
        {
            return 0;
        }

        if (_content[0] != (byte)'"')
        {
            return Encoding.UTF8.GetChars(_content, destination);
        }

        var reader = new Utf8JsonReader(_content);
        reader.Read();
        return reader.CopyString(destination);
    }

    private static string? Decode(ReadOnlySpan<byte> rawString)
    {
        var reader = new Utf8JsonReader(rawString);
        reader.Read();
        return reader.GetString();
    }
}
