namespace CotForge.Storage.Jsonl;

/// <summary>The keys of an errors.jsonl line.</summary>
internal readonly record struct ErrorLineFields(string Id, string? Stage, string? Kind, string? Message, int Attempts, string? Time);
