using System.Collections.Concurrent;
using CotForge.Storage.Index;
using CotForge.Storage.Writing;

namespace CotForge.Storage;

/// <summary>
/// The index thread: it applies each group's rows to the index (and what follows their commit: <see cref="Committed"/>,
/// checkpoints, flush requests) while the writer loop appends the next group's lines. Under load consecutive groups
/// share one transaction (<see cref="WriterOptions.IndexBatchItems"/>); the loop hands over a group once the previous
/// one is applied, and reads a group's rows through a second connection (<see cref="_reader"/>), which sees every
/// committed batch; a group whose ids were in a batch not yet committed waits for that commit.
/// </summary>
/// <remarks>
/// Measured on 400k rows at zero latency, skipping the index transaction altogether made the run 37 % faster: the
/// transaction (random-key inserts into the items table, WAL writes and checkpoints) kept the single writer thread
/// busy or waiting for ~10 of every ~30 seconds, and the pipeline waited on the writer. Running it on this thread
/// took it off the writer's path; batching groups cut what it writes. On 1M rows the run was bound by the disk, and
/// per-group transactions wrote ~7 KB of index pages per item (about one random 4 KB leaf per item, into the WAL and
/// again at checkpoints) next to ~9 KB of JSONL.
/// </remarks>
public sealed partial class DatasetWriter
{
    private readonly BlockingCollection<IndexWork> _indexQueue = new(boundedCapacity: 1);
    private readonly TaskCompletionSource _indexerExited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<(HashSet<UInt128> Keys, Task Done)> _unindexed = new();
    private IndexStore? _reader;
    private IndexWork? _indexing;

    private void StartIndexer()
    {
        try
        {
            _reader = _store.OpenReader(TimeSpan.FromSeconds(_store.Connection.DefaultTimeout));
        }
        catch (Microsoft.Data.Sqlite.SqliteException)
        {
            // No second connection: each group then waits for the previous one's transaction before reading its rows,
            // and every group commits on its own.
            _reader = null;
        }

        var thread = new Thread(IndexLoop) { IsBackground = true, Name = "cotforge index" };
        thread.Start();
    }

    /// <summary>How long the index thread waits for a next group before it commits the batch it holds.</summary>
    private TimeSpan IdleCommitWait =>
        _options.IndexIdleCommitWait ?? TimeSpan.FromMilliseconds(Math.Min(100, _options.GroupCommitInterval.TotalMilliseconds + 10));

    /// <summary>
    /// Waits until the index thread has applied the previous group (throwing its error, if it failed), then hands it
    /// <paramref name="work"/> with the flush requests collected so far. Until then they stay in <c>_flushes</c>, where
    /// the loop's error path fails them.
    /// </summary>
    private async Task HandToIndexerAsync(IndexWork work)
    {
        if (_indexing is { } previous)
        {
            await previous.Applied.Task.ConfigureAwait(false);
        }

        work.Flushes.AddRange(_flushes);
        _flushes.Clear();
        _indexing = work;
        _unindexed.RemoveAll(w => w.Done.IsCompleted);
        _unindexed.Add((work.IdKeys, work.Done.Task));
        _indexQueue.Add(work);
    }

    /// <summary>
    /// Before a group's rows are read: waits for the commit of the batch holding an earlier group with one of
    /// <paramref name="keys"/> (or any earlier group, without a reader connection), so the read sees those rows.
    /// </summary>
    private async Task WaitForUnindexedAsync(HashSet<UInt128> keys)
    {
        _unindexed.RemoveAll(w => w.Done.IsCompleted);
        for (int i = _unindexed.Count - 1; i >= 0; i--)
        {
            if (_reader is null || keys.Overlaps(_unindexed[i].Keys))
            {
                // Batches commit in order: this one's commit covers every earlier group.
                await _unindexed[i].Done.ConfigureAwait(false);
                return;
            }
        }
    }

    /// <summary>Lets the index thread finish what it has and waits for it to stop.</summary>
    private async Task StopIndexerAsync()
    {
        _indexQueue.CompleteAdding();
        await _indexerExited.Task.ConfigureAwait(false);
    }

    private void IndexLoop()
    {
        var batch = new IndexBatch();
        Exception? failure = null;
        try
        {
            while (true)
            {
                IndexWork? work;
                if (batch.Groups.Count == 0 || failure is not null)
                {
                    if (!_indexQueue.TryTake(out work, Timeout.Infinite))
                    {
                        break;
                    }
                }
                else if (!_indexQueue.TryTake(out work, IdleCommitWait))
                {
                    // No next group in time (or the writer is closing): commit what the batch holds.
                    failure = Try(() => CommitBatch(batch));
                    continue;
                }

                if (failure is not null)
                {
                    FailGroup(work, failure);
                    continue;
                }

                failure = Try(() =>
                {
                    ApplyGroup(work, batch);
                    if (batch.Items >= _options.IndexBatchItems || work.Flushes.Count > 0 || _reader is null || CheckpointDue())
                    {
                        CommitBatch(batch);
                    }
                });
                if (failure is not null)
                {
                    FailGroup(work, failure);
                }
            }
        }
        finally
        {
            _indexerExited.TrySetResult();
        }

        Exception? Try(Action step)
        {
            try
            {
                step();
                return null;
            }
            catch (Exception e)
            {
                _fault ??= e;

                // Wake producers blocked on a full queue; they throw the fault. The writer loop learns it from the
                // groups' Applied and Done.
                _queue.Writer.TryComplete(e);
                batch.Transaction?.Dispose();
                batch.Transaction = null;
                foreach (var group in batch.Groups)
                {
                    FailFlushes(group.Flushes, e);
                    group.Done.TrySetException(e);
                }

                batch.Groups.Clear();
                return e;
            }
        }

        static void FailGroup(IndexWork work, Exception e)
        {
            FailFlushes(work.Flushes, e);
            work.Applied.TrySetException(e);
            work.Done.TrySetException(e);
        }
    }

    /// <summary>The groups applied to the index's open transaction and not yet committed (index thread only).</summary>
    private sealed class IndexBatch
    {
        public Microsoft.Data.Sqlite.SqliteTransaction? Transaction { get; set; }

        public List<AppliedGroup> Groups { get; } = new();

        public int Items { get; set; }
    }

    /// <summary>
    /// A group applied to the open transaction: the ids to raise through <see cref="Committed"/> (null when nobody
    /// listened as it was applied), its flush requests and its commit signal.
    /// </summary>
    private sealed record AppliedGroup(string[]? CommittedIds, List<FlushRequest> Flushes, TaskCompletionSource Done);
}
