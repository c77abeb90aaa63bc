namespace CotForge.Storage.Writing;

/// <summary>
/// A record queued for the writer. Items arrive already serialized (on the caller's thread, so serialization runs in
/// parallel with the writer's I/O); the writer only copies bytes.
/// </summary>
internal abstract class PendingRecord
{
    protected PendingRecord(long enqueuedAt) => EnqueuedAt = enqueuedAt;

    /// <summary><see cref="TimeProvider.GetTimestamp"/> when queued: a group's deadline counts from its first record.</summary>
    public long EnqueuedAt { get; }

    /// <summary>Gives its lines back to <paramref name="arena"/>; called once the record is written or abandoned.</summary>
    public virtual void Release(LineArena arena)
    {
    }
}
