using CotForge.Pipeline.Items;
using CotForge.Pipeline.Load;

namespace CotForge.Pipeline.Dedupe;

/// <summary>
/// Drops rows whose id was seen earlier in this input, then asks the persistence index, one batched query per
/// batch, which of the remaining ids are already processed. The first occurrence of an id wins.
/// </summary>
/// <remarks>
/// Memory: the ids seen in this run are kept as 16-byte <see cref="UInt128"/> values in a <see cref="HashSet{T}"/>
/// (about 32-40 bytes per id with the set's overhead, so 1,000,000 ids take about 40 MB); the id strings themselves
/// are not kept. Not thread-safe: the graph runs it with a parallelism of one, which also keeps "first wins" exact.
/// </remarks>
internal sealed class InputDeduplicator
{
    private readonly HashSet<UInt128> _seen = [];
    private readonly IProcessedLookup? _lookup;
    private readonly bool _includeUnverified;
    private readonly int _runSeed;

    /// <param name="lookup">The persistence index, or null to skip the processed check (overwrite).</param>
    /// <param name="includeUnverified">Whether an unverified item counts as processed (false retries them).</param>
    /// <param name="runSeed">The run seed, from which each item's seed is derived.</param>
    public InputDeduplicator(IProcessedLookup? lookup, bool includeUnverified, int runSeed)
    {
        _lookup = lookup;
        _includeUnverified = includeUnverified;
        _runSeed = runSeed;
    }

    /// <summary>Ids seen so far in this run.</summary>
    public int SeenCount => _seen.Count;

    public DedupeResult Process(IReadOnlyList<InputRow> rows)
    {
        var fresh = new List<WorkItem>(rows.Count);
        int inputDuplicates = 0;
        foreach (InputRow row in rows)
        {
            UInt128 key = ItemKey.Compute(row.Question, row.GroundTruth, out string id);
            if (!_seen.Add(key))
            {
                inputDuplicates++;
                continue;
            }

            fresh.Add(new WorkItem(id, key, row.Question, row.GroundTruth, row.Line, ItemSeed.Derive(_runSeed, key)));
        }

        if (_lookup is null || fresh.Count == 0)
        {
            return new DedupeResult(fresh, inputDuplicates, 0);
        }

        var ids = new string[fresh.Count];
        for (int i = 0; i < ids.Length; i++)
        {
            ids[i] = fresh[i].Id;
        }

        IReadOnlySet<string> processed = _lookup.FindProcessed(ids, _includeUnverified);
        if (processed.Count == 0)
        {
            return new DedupeResult(fresh, inputDuplicates, 0);
        }

        int before = fresh.Count;
        fresh.RemoveAll(item => processed.Contains(item.Id));
        return new DedupeResult(fresh, inputDuplicates, before - fresh.Count);
    }
}
