namespace CotForge.Storage;

/// <summary>One line of errors.jsonl: an item whose error survived its retries (outcome failed, SPEC §3).</summary>
/// <param name="Id">The item id.</param>
/// <param name="Stage">Where it failed: <c>search</c>, <c>verify</c>, <c>score</c> or <c>post_process</c>.</param>
/// <param name="Kind">A snake_case kind such as <c>provider_error</c> or <c>unparseable_output</c>.</param>
/// <param name="Message">A human-readable message.</param>
/// <param name="Attempts">How many attempts were made.</param>
/// <param name="Time">When the item failed.</param>
public sealed record ErrorRecord(string Id, string Stage, string Kind, string Message, int Attempts, DateTimeOffset Time);
