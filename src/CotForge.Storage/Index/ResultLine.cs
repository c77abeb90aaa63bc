namespace CotForge.Storage.Index;

/// <summary>A complete line of results.jsonl as the index sees it. <see cref="Length"/> includes the newline.</summary>
internal readonly record struct ResultLine(string Id, bool Success, string? Time, long Offset, long Length);
