using System.Text.Json;

namespace CotForge.Cli.Commands.Export;

/// <summary>One fine-tuning file format: how a chain becomes one JSONL record.</summary>
internal interface IExportFormat
{
    /// <summary>The --format name.</summary>
    string Name { get; }

    /// <summary>Null when the chain can be written; otherwise why it is skipped (e.g. no separate reasoning text).</summary>
    string? CannotWrite(ExportChain chain);

    /// <summary>Writes the record as one JSON object.</summary>
    void Write(Utf8JsonWriter writer, ExportChain chain);
}
