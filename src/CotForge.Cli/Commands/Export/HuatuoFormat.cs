using System.Text.Json;

namespace CotForge.Cli.Commands.Export;

/// <summary>
/// HuatuoGPT-o1 SFT: <c>{"Question": q, "Complex_CoT": natural reasoning, "Response": formal answer}</c>. Needs the
/// reasoning and the answer apart, so a chain without <c>&lt;thinking&gt;</c> tags or separate fields is skipped.
/// </summary>
internal sealed class HuatuoFormat : IExportFormat
{
    public string Name => "huatuo";

    public string? CannotWrite(ExportChain chain)
    {
        ArgumentNullException.ThrowIfNull(chain);
        return string.IsNullOrWhiteSpace(chain.NaturalReasoning) || string.IsNullOrWhiteSpace(chain.FormalAnswer)
            ? "no separate reasoning and answer"
            : null;
    }

    public void Write(Utf8JsonWriter writer, ExportChain chain)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(chain);
        writer.WriteStartObject();
        writer.WriteString("Question", chain.Question);
        writer.WriteString("Complex_CoT", chain.NaturalReasoning);
        writer.WriteString("Response", chain.FormalAnswer);
        writer.WriteEndObject();
    }
}
