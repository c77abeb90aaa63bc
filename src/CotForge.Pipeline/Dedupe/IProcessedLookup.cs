namespace CotForge.Pipeline.Dedupe;

/// <summary>The persistence index's answer to "which of these ids are already processed?" (one batched query).</summary>
internal interface IProcessedLookup
{
    IReadOnlySet<string> FindProcessed(IReadOnlyCollection<string> ids, bool includeUnverified);

    /// <summary>
    /// Answers for one key from memory when the lookup can (see <see cref="PersistenceLookup"/>'s preload); false
    /// means "ask <see cref="FindProcessed"/>".
    /// </summary>
    bool TryContains(UInt128 key, bool includeUnverified, out bool processed)
    {
        processed = false;
        return false;
    }
}
