using CotForge.Pipeline.Dedupe;

namespace CotForge.Pipeline.Tests.Fakes;

/// <summary>A processed-id lookup over a set, counting the batched queries it answers.</summary>
internal sealed class InMemoryLookup(IEnumerable<string> processed) : IProcessedLookup
{
    private readonly HashSet<string> _processed = [.. processed];

    public int Queries;

    public List<int> BatchSizes { get; } = [];

    public IReadOnlySet<string> FindProcessed(IReadOnlyCollection<string> ids, bool includeUnverified)
    {
        Interlocked.Increment(ref Queries);
        lock (BatchSizes)
        {
            BatchSizes.Add(ids.Count);
        }

        return ids.Where(_processed.Contains).ToHashSet();
    }
}
