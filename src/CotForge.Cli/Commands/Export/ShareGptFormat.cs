using System.Text.Json;

namespace CotForge.Cli.Commands.Export;

/// <summary>ShareGPT: <c>{"conversations": [{"from": "human", "value": q}, {"from": "gpt", "value": answer}]}</c>.</summary>
internal sealed class ShareGptFormat : IExportFormat
{
    public string Name => "sharegpt";

    public string? CannotWrite(ExportChain chain) => null;

    public void Write(Utf8JsonWriter writer, ExportChain chain)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(chain);
        writer.WriteStartObject();
        writer.WriteStartArray("conversations");
        Turn(writer, "human", chain.Question);
        Turn(writer, "gpt", chain.FullResponse);
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void Turn(Utf8JsonWriter writer, string from, string value)
    {
        writer.WriteStartObject();
        writer.WriteString("from", from);
        writer.WriteString("value", value);
        writer.WriteEndObject();
    }
}
