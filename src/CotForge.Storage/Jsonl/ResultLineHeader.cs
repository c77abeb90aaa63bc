namespace CotForge.Storage.Jsonl;

/// <summary>The keys of a results.jsonl line the index needs; the search tree itself is only validated.</summary>
internal readonly record struct ResultLineHeader(string Id, bool Success, string? Timestamp);
