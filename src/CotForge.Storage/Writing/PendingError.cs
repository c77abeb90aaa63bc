using CotForge.Storage.Jsonl;

namespace CotForge.Storage.Writing;

/// <summary>A failed item's serialized errors.jsonl line.</summary>
internal sealed class PendingError : PendingRecord
{
    public PendingError(ErrorRecord error, PooledByteBuffer line, long enqueuedAt)
        : base(enqueuedAt)
    {
        Error = error;
        Line = line;
    }

    public ErrorRecord Error { get; }

    public PooledByteBuffer Line { get; }

    public override void Release() => Line.Dispose();
}
