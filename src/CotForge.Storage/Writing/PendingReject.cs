using CotForge.Storage.Jsonl;

namespace CotForge.Storage.Writing;

/// <summary>A rejected row's serialized rejects.jsonl line.</summary>
internal sealed class PendingReject : PendingRecord
{
    public PendingReject(PooledByteBuffer line, long enqueuedAt)
        : base(enqueuedAt) => Line = line;

    public PooledByteBuffer Line { get; }

    public override void Release() => Line.Dispose();
}
