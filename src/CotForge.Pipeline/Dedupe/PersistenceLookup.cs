using CotForge.Core.Items;
using CotForge.Storage;

namespace CotForge.Pipeline.Dedupe;

/// <summary>
/// The processed-id lookup of a dataset directory. It asks the SQLite index in batches
/// (<see cref="PersistenceManager.FindProcessed"/>); when the first batches show that the input is mostly already
/// processed (a resume) and the directory is not too large, it loads every processed id once into a set of 16-byte
/// keys and answers from memory, which makes re-scanning a finished input several times faster than one query per
/// batch.
/// </summary>
/// <remarks>
/// A directory that holds no processed id when the run starts (a first run) is never asked at all: every id is new
/// to it, and ids this run commits are caught by the in-run duplicate set, which is consulted first. Asking would cost
/// a query per batch and make the directory keep its own in-memory copy of every id the run commits (16 MB per
/// million) next to the in-run set.
/// The preloaded set is a snapshot taken under the writer's lock, so nothing else can add ids meanwhile; ids this run
/// commits later are caught by the in-run duplicate set instead. Memory: 16 bytes per id (16 MB per million), in an
/// <see cref="ItemKeySet"/> like the in-run duplicate set.
/// </remarks>
internal sealed class PersistenceLookup : IProcessedLookup
{
    /// <summary>Ids looked up before deciding whether to preload.</summary>
    internal const int SampleSize = 2048;

    /// <summary>Share of sampled ids already processed above which the input is treated as a resume.</summary>
    internal const double ResumeShare = 0.9;

    private readonly PersistenceManager _manager;
    private readonly long _preloadLimit;
    private readonly bool _startedEmpty;
    private ItemKeySet? _preloaded;
    private long _sampled;
    private long _sampledHits;
    private bool _decided;

    /// <param name="manager">The directory's manager, whose writer the caller holds (so no other process adds ids).</param>
    /// <param name="preloadLimit">Largest directory (processed ids) to preload; 0 never preloads.</param>
    public PersistenceLookup(PersistenceManager manager, long preloadLimit)
    {
        _manager = manager;
        _preloadLimit = preloadLimit;
        _decided = preloadLimit <= 0;
        DatasetStatus status = manager.GetStatus();
        _startedEmpty = status.CompletedItems == 0 && status.LegacyProcessedIds == 0;
    }

    /// <summary>Whether the directory held no processed id when the lookup was made (every answer is then "new").</summary>
    public bool StartedEmpty => _startedEmpty;

    public bool Preloaded => _preloaded is not null;

    public bool TryContains(UInt128 key, bool includeUnverified, out bool processed)
    {
        if (_startedEmpty)
        {
            processed = false;
            return true;
        }

        if (_preloaded is { } set && includeUnverified)
        {
            processed = set.Contains(key);
            return true;
        }

        processed = false;
        return false;
    }

    public IReadOnlySet<string> FindProcessed(IReadOnlyCollection<string> ids, bool includeUnverified)
    {
        if (_startedEmpty)
        {
            return new HashSet<string>();
        }

        if (_preloaded is { } set && includeUnverified)
        {
            var found = new HashSet<string>(StringComparer.Ordinal);
            foreach (string id in ids)
            {
                if (ItemKey.TryParse(id, out UInt128 key) && set.Contains(key))
                {
                    found.Add(id);
                }
            }

            return found;
        }

        IReadOnlySet<string> result = _manager.FindProcessed(ids, includeUnverified);
        if (!_decided && includeUnverified)
        {
            _sampled += ids.Count;
            _sampledHits += result.Count;
            if (_sampled >= SampleSize)
            {
                _decided = true;
                if (_sampledHits >= _sampled * ResumeShare && _manager.GetStatus().CompletedItems <= _preloadLimit)
                {
                    _preloaded = Preload();
                }
            }
        }

        return result;
    }

    private ItemKeySet Preload()
    {
        var keys = new List<UInt128>();
        // The index pages synchronously under the manager's lock; blocking here only blocks the dedupe stage.
        foreach (string id in _manager.LoadProcessedIdsAsync().ToBlockingEnumerable())
        {
            if (ItemKey.TryParse(id, out UInt128 key))
            {
                keys.Add(key);
            }
        }

        // The index pages ids in order, so the keys arrive sorted (FromSorted sorts them otherwise).
        return ItemKeySet.FromSorted([.. keys], keys.Count, new System.Collections.BitArray(keys.Count));
    }
}
