using CotForge.Core.Items;
using CotForge.Pipeline.Items;
using CotForge.Pipeline.Load;

namespace CotForge.Pipeline.Dedupe;

/// <summary>
/// Drops rows whose id was seen earlier in this input, then asks the persistence index, one batched query per
/// batch, which of the remaining ids are already processed. The first occurrence of an id wins.
/// </summary>
/// <remarks>
/// Memory: the ids seen in this run are kept as 16-byte <see cref="UInt128"/> values in an
/// <see cref="ItemKeySet"/> (about 20 bytes per id, so 1,000,000 ids take about 20 MB); the id strings themselves
/// are not kept. Not thread-safe: the graph runs it with a parallelism of one, which also keeps "first wins" exact.
/// </remarks>
internal sealed class InputDeduplicator
{
    private readonly ItemKeySet _seen = new();
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
        int inputDuplicates = 0, alreadyProcessed = 0;
        List<(InputRow Row, UInt128 Key, string Id)>? unknown = null;
        foreach (InputRow row in rows)
        {
            UInt128 key = ItemKey.Compute(row.Question, row.GroundTruth);
            if (!_seen.Add(key))
            {
                inputDuplicates++;
                continue;
            }

            if (_lookup is null)
            {
                fresh.Add(NewItem(row, key, ItemKey.ToId(key)));
            }
            else if (_lookup.TryContains(key, _includeUnverified, out bool processed))
            {
                // Answered from memory (a resume): no id string, no query.
                if (processed)
                {
                    alreadyProcessed++;
                }
                else
                {
                    fresh.Add(NewItem(row, key, ItemKey.ToId(key)));
                }
            }
            else
            {
                (unknown ??= new(rows.Count)).Add((row, key, ItemKey.ToId(key)));
            }
        }

        if (unknown is not null)
        {
            var ids = new string[unknown.Count];
            for (int i = 0; i < ids.Length; i++)
            {
                ids[i] = unknown[i].Id;
            }

            IReadOnlySet<string> found = _lookup!.FindProcessed(ids, _includeUnverified);
            foreach (var (row, key, id) in unknown)
            {
                if (found.Contains(id))
                {
                    alreadyProcessed++;
                }
                else
                {
                    fresh.Add(NewItem(row, key, id));
                }
            }

            // Keep input order among the new items (the in-memory answers above came first otherwise).
            if (fresh.Count > 1 && unknown.Count != rows.Count - inputDuplicates)
            {
                fresh.Sort(static (a, b) => a.Line.CompareTo(b.Line));
            }
        }

        return new DedupeResult(fresh, inputDuplicates, alreadyProcessed);
    }

    private WorkItem NewItem(InputRow row, UInt128 key, string id) =>
        new(id, key, row.Question, row.GroundTruth, row.Line, ItemSeed.Derive(_runSeed, key));
}
