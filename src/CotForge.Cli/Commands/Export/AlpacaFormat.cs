using System.Text.Json;

namespace CotForge.Cli.Commands.Export;

/// <summary>Alpaca: <c>{"instruction": q, "input": "", "output": answer}</c> (the question is the whole instruction).</summary>
internal sealed class AlpacaFormat : IExportFormat
{
    public string Name => "alpaca";

    public string? CannotWrite(ExportChain chain) => null;

    public void Write(Utf8JsonWriter writer, ExportChain chain)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(chain);
        writer.WriteStartObject();
        writer.WriteString("instruction", chain.Question);
        writer.WriteString("input", "");
        writer.WriteString("output", chain.FullResponse);
        writer.WriteEndObject();
    }
}
