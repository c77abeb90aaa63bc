using System.Text.Json.Nodes;

namespace CotForge.Storage;

/// <summary>
/// The single writer of a dataset directory. Records are queued and committed in groups (N items or T ms); each
/// group is written to the JSONL files, made durable according to <see cref="WriterOptions.Durability"/>, indexed, and
/// then reported through <see cref="Committed"/>.
/// </summary>
public sealed class DatasetWriter : IAsyncDisposable
{
    private DatasetWriter()
    {
    }

    /// <summary>Raised on the writer's thread with the ids of a group once that group is durable.</summary>
    public event Action<IReadOnlyList<string>>? Committed;

    /// <summary>
    /// Writes config.json on the first run; on a resume compares the stored configuration with
    /// <paramref name="config"/> (ignoring volatile keys such as <c>created_at</c>) and throws
    /// <see cref="ConfigMismatchException"/> when they differ, unless <paramref name="allowChange"/>.
    /// </summary>
    public void EnsureConfig(JsonObject config, bool allowChange) => throw new NotImplementedException();

    /// <summary>Queues a finished item; it is committed with its group.</summary>
    public ValueTask AppendAsync(CompletedItem item, CancellationToken cancellationToken = default) => throw new NotImplementedException();

    /// <summary>Queues a failed item's error line.</summary>
    public ValueTask AppendErrorAsync(ErrorRecord error, CancellationToken cancellationToken = default) => throw new NotImplementedException();

    /// <summary>Queues a rejected input row.</summary>
    public ValueTask AppendRejectAsync(RejectRecord reject, CancellationToken cancellationToken = default) => throw new NotImplementedException();

    /// <summary>Sets the run information stored in metadata.json under <c>cotforge</c> at the next checkpoint.</summary>
    public void SetRunInfo(JsonObject info) => throw new NotImplementedException();

    /// <summary>Completes when everything queued before the call is committed.</summary>
    public ValueTask FlushAsync(CancellationToken cancellationToken = default) => throw new NotImplementedException();

    /// <summary>Flushes, writes metadata.json atomically and releases the lock.</summary>
    public ValueTask DisposeAsync() => throw new NotImplementedException();

    private void OnCommitted(IReadOnlyList<string> ids) => Committed?.Invoke(ids);
}
