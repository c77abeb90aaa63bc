namespace CotForge.Storage.Index;

/// <summary>A complete line of errors.jsonl as the index stores it (the latest line per id wins).</summary>
internal sealed record ErrorLine(string Id, string? Stage, string? Kind, string? Message, long Attempts, string? Time, long Offset, long Length);
