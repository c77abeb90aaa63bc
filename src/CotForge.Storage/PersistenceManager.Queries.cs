using System.Text.Json.Nodes;
using CotForge.Storage.Index;
using CotForge.Storage.Jsonl;

namespace CotForge.Storage;

public sealed partial class PersistenceManager
{
    /// <summary>
    /// True when the id is committed (succeeded or unverified), or listed as processed by a cot-forge metadata.json
    /// without a results line. One indexed lookup.
    /// </summary>
    public bool IsProcessed(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        lock (_sync)
        {
            ThrowIfDisposed();
            if (CurrentCache() is { } cache && ProcessedIdCache.TryParse(id, out var key))
            {
                return cache.Contains(key, includeUnverified: true);
            }

            return _index.IsProcessed(id);
        }
    }

    /// <summary>
    /// Returns the subset of <paramref name="ids"/> that is processed. Lookups go to the index in batches of
    /// <see cref="PersistenceOptions.LookupBatchSize"/> ids, or, once this manager has looked up a good share of a
    /// large dataset, to an exact in-memory copy of its ids (<see cref="PersistenceOptions.LookupCacheMaxItems"/>).
    /// With <paramref name="includeUnverified"/> false only succeeded ids count, so that unverified items are retried
    /// (ids known only from a cot-forge metadata.json have no recorded outcome and always count as processed).
    /// </summary>
    public IReadOnlySet<string> FindProcessed(IReadOnlyCollection<string> ids, bool includeUnverified = true)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var found = new HashSet<string>(StringComparer.Ordinal);
        var batch = new List<string>(Math.Min(ids.Count, _options.LookupBatchSize));
        lock (_sync)
        {
            ThrowIfDisposed();
            var cache = CurrentCache(lookingUp: ids.Count);
            foreach (string id in ids)
            {
                if (cache is not null && ProcessedIdCache.TryParse(id, out var key))
                {
                    if (cache.Contains(key, includeUnverified))
                    {
                        found.Add(id);
                    }

                    continue;
                }

                batch.Add(id);
                if (batch.Count == _options.LookupBatchSize)
                {
                    _index.FindProcessed(batch, includeUnverified, found);
                    batch.Clear();
                }
            }

            if (batch.Count > 0)
            {
                _index.FindProcessed(batch, includeUnverified, found);
            }
        }

        return found;
    }

    /// <summary>The contents of config.json, or null when none was written yet (or it is not valid JSON).</summary>
    public JsonObject? LoadConfig()
    {
        lock (_sync)
        {
            ThrowIfDisposed();
            return ConfigFile.TryRead(_files.Config);
        }
    }

    /// <summary>Counts per outcome, read from the index (no JSONL scan).</summary>
    public DatasetStatus GetStatus()
    {
        lock (_sync)
        {
            ThrowIfDisposed();
            var counters = _index.ReadCounters();
            long failed = _index.Scalar(IndexSql.CountFailed);
            long skipped = _index.Scalar(IndexSql.CountSkipped);
            long legacy = _index.Scalar(IndexSql.CountLegacyOnly);
            var lastUpdated = PythonIsoFormat.TryParse(_index.GetMeta(IndexSynchronizer.LastUpdatedKey));
            JsonObject? runInfo = null;
            if (_index.GetMeta(IndexSynchronizer.RunInfoKey) is { } json)
            {
                runInfo = JsonNode.Parse(json) as JsonObject;
            }

            return new DatasetStatus(Location.DatasetName, Location.SearchName,
                counters.GetValueOrDefault(IndexCounters.Completed), counters.GetValueOrDefault(IndexCounters.Succeeded),
                failed, counters.GetValueOrDefault(IndexCounters.Rejects), lastUpdated, runInfo)
            {
                SkippedLines = skipped,
                LegacyProcessedIds = legacy,
            };
        }
    }

    /// <summary>Ids whose error (errors.jsonl) has not been followed by a completion: the items the next run retries.</summary>
    public IReadOnlyList<string> GetFailedIds()
    {
        lock (_sync)
        {
            ThrowIfDisposed();
            return _index.FailedIds();
        }
    }
}
