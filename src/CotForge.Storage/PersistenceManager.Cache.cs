using CotForge.Storage.Index;

namespace CotForge.Storage;

public sealed partial class PersistenceManager
{
    private ProcessedIdCache? _cache;
    // Parsed keys, not the id strings: a batch holds up to IndexBatchItems of them for seconds, and as strings every
    // one of them would have been promoted through the generations only to die there.
    private readonly List<(UInt128 Key, bool Succeeded)> _indexingNotCommitted = new();
    private long _cacheDataVersion;
    private long _lookedUp;

    /// <summary>The in-memory copy is built once 1/this of the dataset's size has been looked up.</summary>
    internal const int CacheAfterLookedUpShare = 16;

    /// <summary>
    /// The in-memory id cache if it is built and still complete; builds it when lookups have become worth it. Call
    /// under <c>_sync</c>.
    /// </summary>
    private ProcessedIdCache? CurrentCache(int lookingUp = 0)
    {
        if (IsReadOnly || _options.LookupCacheMaxItems == 0)
        {
            // Another process writes: only SQLite sees its commits.
            return null;
        }

        if (_cache is not null)
        {
            long version = _index.DataVersion();
            if (version != _cacheDataVersion)
            {
                if (_writerOpen)
                {
                    // Only our writer can commit while it holds the lock, and it fed the cache before committing.
                    _cacheDataVersion = version;
                }
                else
                {
                    _cache = null;
                }
            }
        }

        _lookedUp += lookingUp;
        if (_cache is null && lookingUp > 0)
        {
            long completed = _index.ReadCounters().GetValueOrDefault(IndexCounters.Completed);
            // Loading the copy costs about 0.25 µs per item, a batched SQLite lookup 2-5 µs per id: once a sixteenth of
            // the dataset was looked up, loading it has cost at most a few times what the lookups so far cost, and every
            // later lookup is ~10x cheaper.
            if (completed >= _options.LookupCacheMinItems && completed <= _options.LookupCacheMaxItems && _lookedUp >= completed / CacheAfterLookedUpShare)
            {
                _cacheDataVersion = _index.DataVersion();
                _cache = ProcessedIdCache.Build(_index, (int)completed);

                // Our writer's rows that its index has not committed yet (a batch spans several groups): SQLite does
                // not show them, but they are committed items.
                foreach (var (key, succeeded) in _indexingNotCommitted)
                {
                    _cache.Add(key, succeeded);
                }
            }
        }

        return _cache;
    }

    /// <summary>Called by our writer once a group's lines are durable, before the index transaction holding its rows commits.</summary>
    private void OnGroupIndexing(IReadOnlyList<(string Id, bool Succeeded)> items)
    {
        lock (_sync)
        {
            foreach (var (id, succeeded) in items)
            {
                if (ProcessedIdCache.TryParse(id, out var key))
                {
                    _indexingNotCommitted.Add((key, succeeded));
                    _cache?.Add(key, succeeded);
                }
            }
        }
    }

    /// <summary>Called by our writer once its index transaction has committed: SQLite now shows every row it was told of.</summary>
    private void OnIndexCommitted()
    {
        lock (_sync)
        {
            _indexingNotCommitted.Clear();
        }
    }

    /// <summary>For tests: ids our writer applied to an index transaction that has not committed yet.</summary>
    internal int IndexingNotCommittedCount
    {
        get
        {
            lock (_sync)
            {
                return _indexingNotCommitted.Count;
            }
        }
    }

    /// <summary>For tests: whether lookups are currently answered from memory.</summary>
    internal bool LookupCacheActive
    {
        get
        {
            lock (_sync)
            {
                return _cache is not null;
            }
        }
    }

    private void InvalidateCache() => _cache = null;
}
