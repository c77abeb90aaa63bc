using System.Text.Json;

namespace CotForge.Cli.Commands.Export;

/// <summary>OpenAI chat fine-tuning: <c>{"messages": [{"role": "user", "content": q}, {"role": "assistant", "content": answer}]}</c>.</summary>
internal sealed class OpenAiChatFormat : IExportFormat
{
    public string Name => "openai";

    public string? CannotWrite(ExportChain chain) => null;

    public void Write(Utf8JsonWriter writer, ExportChain chain)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(chain);
        writer.WriteStartObject();
        writer.WriteStartArray("messages");
        Message(writer, "user", chain.Question);
        Message(writer, "assistant", chain.FullResponse);
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void Message(Utf8JsonWriter writer, string role, string content)
    {
        writer.WriteStartObject();
        writer.WriteString("role", role);
        writer.WriteString("content", content);
        writer.WriteEndObject();
    }
}
