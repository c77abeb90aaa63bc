using System.Text.Encodings.Web;
using System.Text.Json;

namespace CotForge.Core.Reasoning;

/// <summary>Writes CoT steps as the JSON list shown to models (<c>{"action", "title"?, "content"}</c> per step).</summary>
public static class CotJson
{
    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    [ThreadStatic]
    private static System.Buffers.ArrayBufferWriter<byte>? t_buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    /// <summary>The steps as an indented JSON array; <c>[]</c> for none.</summary>
    public static string Serialize(IReadOnlyList<CotStep> steps) => System.Text.Encoding.UTF8.GetString(WriteUtf8(steps));

    /// <summary>
    /// Appends the same text as <see cref="Serialize"/> to <paramref name="builder"/> without the intermediate
    /// string: prompts embed the reasoning so far, and that string was garbage the moment it was appended.
    /// </summary>
    public static void AppendTo(System.Text.StringBuilder builder, IReadOnlyList<CotStep> steps)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ReadOnlySpan<byte> utf8 = WriteUtf8(steps);
        char[] chars = System.Buffers.ArrayPool<char>.Shared.Rent(utf8.Length);
        int length = System.Text.Encoding.UTF8.GetChars(utf8, chars);
        builder.Append(chars, 0, length);
        System.Buffers.ArrayPool<char>.Shared.Return(chars);
    }

    private static ReadOnlySpan<byte> WriteUtf8(IReadOnlyList<CotStep> steps)
    {
        ArgumentNullException.ThrowIfNull(steps);
        // Synchronous, so a per-thread buffer is safe; it saves a growing buffer per prompt.
        var buffer = t_buffer ??= new System.Buffers.ArrayBufferWriter<byte>(4096);
        buffer.ResetWrittenCount();
        // The writer is reused too (Reset keeps its options): a Utf8JsonWriter per prompt was a sizeable share of
        // all allocations.
        var writer = t_writer ??= new Utf8JsonWriter(buffer, Options);
        writer.Reset(buffer);
        WriteSteps(writer, steps);
        writer.Flush();
        return buffer.WrittenSpan;
    }

    /// <summary>
    /// Writes the steps as a JSON array at the writer's position (after a property name, or as the whole value): the
    /// one shape of a chain, shared with the search tree's <c>cot</c> fields.
    /// </summary>
    internal static void WriteSteps(Utf8JsonWriter writer, IReadOnlyList<CotStep> steps)
    {
        writer.WriteStartArray();
        foreach (var step in steps)
        {
            writer.WriteStartObject();
            writer.WriteString("action", step.Action);
            if (step.Title is not null)
            {
                writer.WriteString("title", step.Title);
            }

            writer.WriteString("content", step.Content);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }
}
