using CotForge.Core.Items;
using CotForge.Storage.Index;
using CotForge.Storage.Layout;
using CotForge.Storage.Locking;
using CotForge.Storage.Metadata;
using CotForge.Storage.Recovery;

namespace CotForge.Storage;

public sealed partial class PersistenceManager
{
    /// <summary>
    /// Deletes every file of the directory (results, post-processed, errors, rejects, metadata, config, index and
    /// <c>*.torn</c> files), leaving an empty dataset. Takes the directory lock: throws
    /// <see cref="DatasetLockedException"/> while another process writes, <see cref="InvalidOperationException"/> while
    /// this manager's writer is open.
    /// </summary>
    public void Reset() => WithExclusiveAccess(() =>
    {
        _index.Dispose();
        foreach (string file in Directory.EnumerateFiles(_files.Directory))
        {
            string name = Path.GetFileName(file);
            if (name is not DatasetFiles.LockName and not DatasetFiles.LockOwnerName)
            {
                File.Delete(file);
            }
        }

        _files.Refresh();
        var report = new RecoveryReport();
        _index = OpenSynchronized(_files, _options, report);
        LastRecovery = report;
        return true;
    });

    /// <summary>
    /// Removes one item — every line of its id in results.jsonl and the post-processed file, and its id from
    /// metadata.json — by rewriting the files (temporary file + rename), then reindexes. Returns false when the id is
    /// unknown. Takes the directory lock like <see cref="Reset"/>.
    /// </summary>
    public bool Delete(string id)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        return WithExclusiveAccess(() =>
        {
            var item = _index.ReadItem(id);
            var extra = _index.ReadSkippedById(id);
            bool legacy = _index.IsLegacyId(id);
            if (item is null && extra.Count == 0 && !legacy)
            {
                return false;
            }

            // Order matters for a crash in between: metadata.json first (so the id cannot come back from it as a
            // legacy id), then the JSONL files, then the index, which is rebuilt from them.
            using (var tx = _index.Begin())
            {
                _index.DeleteLegacyId(id, tx);
                tx.Commit();
            }

            MetadataCheckpoint.Write(_index, _files, Location, _options.TimeProvider.GetUtcNow(), durable: true, excludedId: id);

            var results = extra.Where(s => s.File == FileKind.Results).Select(s => (s.Offset, s.Length)).ToList();
            var processed = extra.Where(s => s.File == FileKind.Processed).Select(s => (s.Offset, s.Length)).ToList();
            if (item is not null)
            {
                results.Add((item.ResultOffset, item.ResultLength));
                if (item.ProcessedOffset is { } offset)
                {
                    processed.Add((offset, item.ProcessedLength ?? 0));
                }
            }

            JsonlRewriter.RemoveRanges(_files.Results, results);
            JsonlRewriter.RemoveRanges(_files.Processed, processed);
            RebuildIndex();
            return true;
        });
    }

    /// <summary>Removes the item of a (question, ground truth) pair; see <see cref="Delete(string)"/>.</summary>
    public bool Delete(string question, string groundTruth) => Delete(ItemId.Compute(question, groundTruth));

    /// <summary>
    /// Rebuilds the index from the JSONL files (after repairing torn tails). Never needed for correctness — a stale or
    /// damaged index is detected on open — but useful after editing files by hand. Takes the directory lock.
    /// </summary>
    public void Reindex() => WithExclusiveAccess(() =>
    {
        RebuildIndex();
        return true;
    });

    private void RebuildIndex()
    {
        var report = new RecoveryReport();
        _index.Recreate();
        IndexSynchronizer.Synchronize(_index, _files, mayModifyFiles: true, report, _options.RebuildInMemoryMaxItems);
        LastRecovery = report;
    }

    /// <summary>
    /// Runs a maintenance operation holding the directory lock, on a file index that is current (torn tails repaired,
    /// caught up).
    /// </summary>
    private T WithExclusiveAccess<T>(Func<T> action)
    {
        lock (_sync)
        {
            ThrowIfDisposed();
            if (_writerOpen)
            {
                throw new InvalidOperationException($"A writer is open for '{Location.DirectoryPath}'; dispose it before Reset, Delete or Reindex.");
            }

            using var directoryLock = DirectoryLock.Acquire(_files.Directory, _files.Lock, _files.LockOwner, _options.TimeProvider);
            var report = new RecoveryReport();
            if (_index.Path is null)
            {
                _index.Dispose();
                _index = OpenSynchronized(_files, _options, report);
            }
            else
            {
                IndexSynchronizer.Synchronize(_index, _files, mayModifyFiles: true, report, _options.RebuildInMemoryMaxItems);
            }

            LastRecovery = report;
            IsReadOnly = false;
            InvalidateCache();
            return action();
        }
    }
}
