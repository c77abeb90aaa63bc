using System.Collections.Concurrent;
using CotForge.Pipeline.Persist;
using CotForge.Storage;

namespace CotForge.Pipeline.Tests.Graph;

/// <summary>A store that keeps what persist appends, for graph tests that need no dataset directory.</summary>
internal sealed class InMemoryItemStore : IItemStore
{
    public ConcurrentQueue<CompletedItem> Completed { get; } = new();

    public ConcurrentQueue<ErrorRecord> Errors { get; } = new();

    public ConcurrentQueue<RejectRecord> Rejects { get; } = new();

    public int Flushes;

    /// <summary>Thrown by the next append, to simulate a disk failure.</summary>
    public Exception? FailWith { get; set; }

    /// <summary>Called after each completed item is kept (e.g. to cancel a run mid-way).</summary>
    public Action<int>? OnCompleted { get; set; }

    public ValueTask AppendAsync(CompletedItem item, CancellationToken cancellationToken)
    {
        ThrowIfFailing();
        // The result JSON lies in a pooled array that persist returns once this call is over: keep a copy, as the
        // dataset writer does when it formats the line.
        Completed.Enqueue(item with { ResultJson = item.ResultJson.ToArray() });
        OnCompleted?.Invoke(Completed.Count);
        return ValueTask.CompletedTask;
    }

    public ValueTask AppendErrorAsync(ErrorRecord error, CancellationToken cancellationToken)
    {
        ThrowIfFailing();
        Errors.Enqueue(error);
        return ValueTask.CompletedTask;
    }

    public ValueTask AppendRejectAsync(RejectRecord reject, CancellationToken cancellationToken)
    {
        ThrowIfFailing();
        Rejects.Enqueue(reject);
        return ValueTask.CompletedTask;
    }

    public ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref Flushes);
        return ValueTask.CompletedTask;
    }

    private void ThrowIfFailing()
    {
        if (FailWith is { } ex)
        {
            throw ex;
        }
    }
}
