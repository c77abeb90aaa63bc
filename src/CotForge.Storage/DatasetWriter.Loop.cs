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
                CommitGroup();
            }
        }
        catch (Exception e)
        {
            _fault = e;

            // Wake producers blocked on a full queue; they throw the fault.
            _queue.Writer.TryComplete(e);
            foreach (var record in _group)
            {
                record.Release();
            }

            _group.Clear();
            foreach (var flush in _flushes)
            {
                flush.Completion.TrySetException(e);
            }

            _flushes.Clear();
            while (reader.TryRead(out var abandoned))
            {
                (abandoned as FlushRequest)?.Completion.TrySetException(e);
                abandoned.Release();
            }
        }
    }

    /// <summary>
    /// Takes records until the group is full, its deadline (first record + interval) passes, a flush is requested,
    /// or the queue is completed.
    /// </summary>
    private async Task CollectGroupAsync()
    {
        var reader = _queue.Reader;
        long? firstAt = null;
        while (_group.Count < _options.GroupCommitItems)
        {
            if (reader.TryRead(out var record))
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

            if (firstAt is null)
            {
                // Nothing yet (e.g. a flush arrived alone): nothing to wait for.
                return;
            }

            var remaining = _options.GroupCommitInterval - _time.GetElapsedTime(firstAt.Value);
            if (remaining <= TimeSpan.Zero)
            {
                return;
            }

            using var timeout = new CancellationTokenSource(remaining, _time);
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
