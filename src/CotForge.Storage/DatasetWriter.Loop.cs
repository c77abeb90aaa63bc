using CotForge.Storage.Writing;

namespace CotForge.Storage;

public sealed partial class DatasetWriter
{
    private readonly List<PendingRecord> _group = new();
    private readonly List<FlushRequest> _flushes = new();

    private async Task RunAsync()
    {
        var reader = _queue.Reader;
        try
        {
            while (await reader.WaitToReadAsync().ConfigureAwait(false))
            {
                await CollectGroupAsync().ConfigureAwait(false);
                await CommitGroupAsync().ConfigureAwait(false);
            }

            // Nothing more will come: the index thread commits the batch it holds now, without waiting for a next group.
            _indexQueue.CompleteAdding();
            if (_indexing is { } last)
            {
                await last.Done.Task.ConfigureAwait(false);
            }
        }
        catch (Exception e)
        {
            _fault = e;

            // Wake producers blocked on a full queue; they throw the fault.
            _queue.Writer.TryComplete(e);
            foreach (var record in _group)
            {
                record.Release(_arena);
            }

            _group.Clear();
            FailFlushes(_flushes, e);
            _flushes.Clear();
            while (reader.TryRead(out var abandoned))
            {
                (abandoned as FlushRequest)?.Completion.TrySetException(e);
                abandoned.Release(_arena);
            }
        }
        finally
        {
            // The group the index thread has, if any, is durable: it finishes it before the writer closes.
            await StopIndexerAsync().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Takes records until the group holds <see cref="WriterOptions.GroupCommitItems"/> (and then whatever else is
    /// already queued, up to <see cref="WriterOptions.MaxGroupItems"/>), its deadline (first record + interval) passes,
    /// a flush is requested, or the queue is completed.
    /// </summary>
    private async Task CollectGroupAsync()
    {
        var reader = _queue.Reader;
        long? firstAt = null;
        while (true)
        {
            if (_group.Count < _options.EffectiveMaxGroupItems && reader.TryRead(out var record))
            {
                if (record is FlushRequest flush)
                {
                    _flushes.Add(flush);
                    return;
                }

                firstAt ??= record.EnqueuedAt;
                _group.Add(record);
                continue;
            }

            if (firstAt is null || _group.Count >= _options.GroupCommitItems)
            {
                // Full (or nothing to wait for, e.g. a flush arrived alone).
                return;
            }

            var remaining = _options.GroupCommitInterval - _time.GetElapsedTime(firstAt.Value);
            if (remaining <= TimeSpan.Zero)
            {
                return;
            }

            using var timeout = new CancellationTokenSource(remaining, _time);
            if (_time.GetElapsedTime(firstAt.Value) >= _options.GroupCommitInterval)
            {
                // The clock passed the deadline while the timer was being set up (a test clock can jump).
                return;
            }

            try
            {
                if (!await reader.WaitToReadAsync(timeout.Token).ConfigureAwait(false))
                {
                    return;
                }
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested)
            {
                return;
            }
        }
    }
}
