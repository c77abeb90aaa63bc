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

    /// <summary>The steps as an indented JSON array; <c>[]</c> for none.</summary>
    public static string Serialize(IReadOnlyList<CotStep> steps)
    {
        ArgumentNullException.ThrowIfNull(steps);
        // Synchronous, so a per-thread buffer is safe; it saves a growing buffer per prompt.
        var buffer = t_buffer ??= new System.Buffers.ArrayBufferWriter<byte>(4096);
        buffer.ResetWrittenCount();
        using (var writer = new Utf8JsonWriter(buffer, Options))
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

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
