namespace CotForge.Pipeline.Dedupe;

/// <summary>The persistence index's answer to "which of these ids are already processed?" (one batched query).</summary>
internal interface IProcessedLookup
{
    IReadOnlySet<string> FindProcessed(IReadOnlyCollection<string> ids, bool includeUnverified);
}
