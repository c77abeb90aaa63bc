using CotForge.Storage.Index;
using CotForge.Storage.Jsonl;
using CotForge.Storage.Metadata;
using CotForge.Storage.Writing;

namespace CotForge.Storage;

public sealed partial class DatasetWriter
{
    private readonly JsonlAppender _processed;
    private readonly JsonlAppender _results;
    private readonly JsonlAppender _errors;
    private readonly JsonlAppender _rejects;
    private readonly Dictionary<string, FileState> _fileStates;
    private readonly List<ReadOnlyMemory<byte>> _lines = new();
    private long _itemsSinceCheckpoint;
    private long _committedItems;
    private long _lastCheckpoint;
    private long _indexCommits;

    /// <summary>For tests: index transactions committed so far (each holds one group or a batch of them).</summary>
    internal long IndexCommits => Interlocked.Read(ref _indexCommits);

    /// <summary>
    /// The writer loop's half of a group: reads the index rows of the group's ids, appends the lines and makes them
    /// durable, then hands the group to the index thread (once it has applied the previous group). So the index work
    /// runs while the next group's lines are written; by the commit rule the index only ever follows durable lines,
    /// and <see cref="Committed"/> is raised once the transaction holding the group's rows commits, in group order.
    /// </summary>
    private async Task CommitGroupAsync()
    {
        if (_group.Count == 0)
        {
            await HandToIndexerAsync(new IndexWork()).ConfigureAwait(false);
            return;
        }

        var items = new List<PendingItem>();
        var errors = new List<PendingError>();
        var rejects = new List<PendingReject>();
        foreach (var record in _group)
        {
            switch (record)
            {
                case PendingItem item: items.Add(item); break;
                case PendingError error: errors.Add(error); break;
                case PendingReject reject: rejects.Add(reject); break;
            }
        }

        var ids = new HashSet<string>(items.Count, StringComparer.Ordinal);
        var keys = new HashSet<UInt128>(items.Count);
        foreach (var item in items)
        {
            ids.Add(item.Id);
            keys.Add(IndexWork.KeyOf(item.Id));
        }

        // Earlier groups' rows may not be committed yet. Without a reader connection (an in-memory index), or when an
        // id of this group was in one of them, this group's rows must be read after that commit.
        await WaitForUnindexedAsync(keys).ConfigureAwait(false);

        // One index query per group: existing rows of the group's ids, used to drop re-sent items and to apply the rule.
        var states = CommitRule.Load(_reader ?? _store, null, ids);
        var toWrite = SelectItemsToWrite(items, states);
        bool fsync = _options.Durability == DurabilityLevel.Fsync;

        // 1. Post-processed lines first: they are not committed until their results line exists.
        var processedLines = new List<ProcessedLine>(toWrite.Count);
        var processedTail = AppendLines(_processed, toWrite, i => i.ProcessedLine, (i, offset, length) => processedLines.Add(new ProcessedLine(i.Id, offset, length)));
        if (fsync)
        {
            _processed.FlushToDisk();
        }

        // 2. Results lines: each one is its item's commit point.
        var resultLines = new List<ResultLine>(toWrite.Count);
        var resultsTail = AppendLines(_results, toWrite, i => i.ResultLine, (i, offset, length) => resultLines.Add(new ResultLine(i.Id, i.Success, i.Timestamp, offset, length)));
        if (fsync)
        {
            _results.FlushToDisk();
        }

        // 3. Errors and rejects: independent files, each line its own commit point.
        var errorLines = new List<ErrorLine>(errors.Count);
        var errorsTail = AppendLines(_errors, errors, e => e.Line, (e, offset, length) => errorLines.Add(new ErrorLine(
            e.Error.Id, e.Error.Stage, e.Error.Kind, e.Error.Message, e.Error.Attempts, PythonIsoFormat.Format(e.Error.Time), offset, length)));
        var rejectsTail = AppendLines(_rejects, rejects, r => r.Line, static (_, _, _) => { });
        if (fsync)
        {
            _errors.FlushToDisk();
            _rejects.FlushToDisk();
        }

        var work = new IndexWork
        {
            States = states,
            ResultLines = resultLines,
            ProcessedLines = processedLines,
            ErrorLines = errorLines,
            Rejects = rejects.Count,
            ProcessedTail = processedTail,
            ResultsTail = resultsTail,
            ErrorsTail = errorsTail,
            RejectsTail = rejectsTail,
            ItemIds = items.ConvertAll(i => i.Id).ToArray(),
            WrittenIds = toWrite.ConvertAll(i => i.Id).ToArray(),
            IdKeys = keys,
        };

        // The lines are written: their space goes back to the arena before the wait for the index thread.
        foreach (var record in _group)
        {
            record.Release(_arena);
        }

        _group.Clear();
        await HandToIndexerAsync(work).ConfigureAwait(false);
    }

    /// <summary>
    /// The index thread's half of a group: its rows, counters and file states go into the batch's transaction (begun
    /// if none is open), and the loop may hand over the next group. <see cref="Committed"/>, checkpoints and the
    /// group's flush requests wait for <see cref="CommitBatch"/>.
    /// </summary>
    private void ApplyGroup(IndexWork work, IndexBatch batch)
    {
        if (work.HasRecords)
        {
            // 4. The index follows the files (JSONL is the truth).
            var states = work.States;
            var tx = batch.Transaction ??= _store.Begin();
            var counters = new IndexCounters { RejectsDelta = work.Rejects };
            var skipped = new List<SkippedLine>();
            CommitRule.ApplyResults(states, work.ResultLines, counters, skipped);
            CommitRule.ApplyProcessed(states, work.ProcessedLines, skipped);
            _store.SaveStates(states.Values, tx);
            _store.UpsertErrors(work.ErrorLines, tx);
            _store.AddSkipped(skipped, tx);
            _store.ApplyCounters(counters, tx);
            AdvanceState(FileKind.Processed, _processed.Path, work.ProcessedTail, tx);
            AdvanceState(FileKind.Results, _results.Path, work.ResultsTail, tx);
            AdvanceState(FileKind.Errors, _errors.Path, work.ErrorsTail, tx);
            AdvanceState(FileKind.Rejects, _rejects.Path, work.RejectsTail, tx);
            if (work.ItemIds.Length > 0)
            {
                _store.SetMeta(IndexSynchronizer.LastUpdatedKey, PythonIsoFormat.Format(_time.GetUtcNow()), tx);
            }

            // The lines are durable, so by the commit rule these items are committed: readers' caches learn it now,
            // before the index does, and so never answer "not processed" for a committed item.
            _onIndexing?.Invoke(Array.ConvertAll(work.WrittenIds, id => (id, states[id].Succeeded)));
            _itemsSinceCheckpoint += work.ItemIds.Length;
            _committedItems += work.WrittenIds.Length;
            batch.Items += work.ItemIds.Length + work.ErrorLines.Count + work.Rejects;
        }

        // Only what the commit needs stays with the batch (for seconds under load): not the group's rows and lines.
        batch.Groups.Add(new AppliedGroup(Committed is null || work.ItemIds.Length == 0 ? null : work.ItemIds, work.Flushes, work.Done));
        work.Applied.TrySetResult();
    }

    /// <summary>
    /// Commits the batch's transaction; then, group by group, <see cref="Committed"/> and the flush requests, with a
    /// metadata.json checkpoint when one is due.
    /// </summary>
    private void CommitBatch(IndexBatch batch)
    {
        if (batch.Transaction is { } tx)
        {
            SaveRunInfo(tx);
            tx.Commit();
            tx.Dispose();
            batch.Transaction = null;
            Interlocked.Increment(ref _indexCommits);
            _onIndexCommitted?.Invoke();
        }

        // 5. Only now are the groups committed as far as anyone outside is concerned.
        foreach (var group in batch.Groups)
        {
            if (group.CommittedIds is { } ids)
            {
                RaiseCommitted(ids);
            }
        }

        if (CheckpointDue())
        {
            Checkpoint(final: false);
        }

        foreach (var group in batch.Groups)
        {
            CompleteFlushes(group.Flushes);
            group.Done.TrySetResult();
        }

        batch.Groups.Clear();
        batch.Items = 0;
    }

    /// <summary>
    /// A checkpoint lists every processed id, so its cost grows with the dataset: checkpoints are spaced by at least a
    /// tenth of the dataset to keep the overhead bounded (about 10%) however large it gets.
    /// </summary>
    private bool CheckpointDue() =>
        _itemsSinceCheckpoint >= Math.Max(_options.MetadataCheckpointItems, _committedItems / 10)
        || (_itemsSinceCheckpoint > 0 && _time.GetElapsedTime(_lastCheckpoint) >= _options.MetadataCheckpointInterval);

    /// <summary>
    /// Drops items whose id is already committed as succeeded (or succeeded earlier in this group): the first succeeded
    /// record of an id stands, so writing another would only add a line that is never served.
    /// </summary>
    private static List<PendingItem> SelectItemsToWrite(List<PendingItem> items, Dictionary<string, ItemState> states)
    {
        if (items.Count == 0)
        {
            return items;
        }

        var succeeded = new HashSet<string>(states.Values.Where(s => s.Succeeded).Select(s => s.Id), StringComparer.Ordinal);
        var toWrite = new List<PendingItem>(items.Count);
        foreach (var item in items)
        {
            if (succeeded.Contains(item.Id))
            {
                continue;
            }

            toWrite.Add(item);
            if (item.Success)
            {
                succeeded.Add(item.Id);
            }
        }

        return toWrite;
    }

    /// <summary>
    /// Appends the records' lines with one gathering write; returns where the last line went and its hash (for the
    /// fingerprint).
    /// </summary>
    private FileTail AppendLines<T>(JsonlAppender file, List<T> records, Func<T, LineSlice> line, Action<T, long, long> placed)
    {
        if (records.Count == 0)
        {
            return new FileTail(file.Length, -1, 0, null);
        }

        _lines.Clear();
        long start = file.Length;
        long written = 0;
        long tailOffset = start;
        int tailLength = 0;
        foreach (var record in records)
        {
            var bytes = line(record).Memory;
            tailOffset = start + written;
            tailLength = bytes.Length;
            placed(record, tailOffset, bytes.Length);
            _lines.Add(bytes);
            written += bytes.Length;
        }

        byte[] hash = FileFingerprint.HashLine(line(records[^1]).Span);
        file.Append(_lines, written);
        _lines.Clear();
        return new FileTail(file.Length, tailOffset, tailLength, hash);
    }

    private void AdvanceState(string kind, string path, FileTail tail, Microsoft.Data.Sqlite.SqliteTransaction tx)
    {
        if (tail.Hash is null)
        {
            return;
        }

        var state = _fileStates[kind];
        FileFingerprint.Advance(path, state, tail.FileLength, tail.Offset, tail.Length, tail.Hash);
        _store.WriteFileState(state, tx);
    }

    private void SaveRunInfo(Microsoft.Data.Sqlite.SqliteTransaction tx)
    {
        string? json = null;
        lock (_runInfoSync)
        {
            if (_runInfoDirty && _runInfo is not null)
            {
                json = _runInfo.ToJsonString();
                _runInfoDirty = false;
            }
        }

        if (json is not null)
        {
            _store.SetMeta(IndexSynchronizer.RunInfoKey, json, tx);
        }
    }

    private void RaiseCommitted(string[] ids)
    {
        try
        {
            Committed?.Invoke(ids);
        }
        catch (Exception e)
        {
            throw new InvalidOperationException("A Committed handler threw; the writer stopped. The items it was told about are committed.", e);
        }
    }

    private static void CompleteFlushes(List<FlushRequest> flushes)
    {
        foreach (var flush in flushes)
        {
            flush.Completion.TrySetResult();
        }
    }

    private static void FailFlushes(List<FlushRequest> flushes, Exception error)
    {
        foreach (var flush in flushes)
        {
            flush.Completion.TrySetException(error);
        }
    }

    private void Checkpoint(bool final)
    {
        bool durable = _options.Durability != DurabilityLevel.None;
        if (durable)
        {
            // Flush level: the JSONL files reach the disk at least at every checkpoint.
            _processed.FlushToDisk();
            _results.FlushToDisk();
            _errors.FlushToDisk();
            _rejects.FlushToDisk();
        }

        if (final)
        {
            using var tx = _store.Begin();
            SaveRunInfo(tx);
            tx.Commit();
        }

        MetadataCheckpoint.Write(_store, _files, _location, _time.GetUtcNow(), durable);
        _itemsSinceCheckpoint = 0;
        _lastCheckpoint = _time.GetTimestamp();
    }
}
