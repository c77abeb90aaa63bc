using CotForge.Storage;

namespace CotForge.Pipeline.Dedupe;

/// <summary>The processed-id lookup of a dataset directory, through its SQLite index.</summary>
internal sealed class PersistenceLookup(PersistenceManager manager) : IProcessedLookup
{
    public IReadOnlySet<string> FindProcessed(IReadOnlyCollection<string> ids, bool includeUnverified) =>
        manager.FindProcessed(ids, includeUnverified);
}
