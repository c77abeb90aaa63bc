namespace CotForge.Storage.Writing;

/// <summary>A rejected row's serialized rejects.jsonl line.</summary>
internal sealed class PendingReject : PendingRecord
{
    public PendingReject(LineSlice line, long enqueuedAt)
        : base(enqueuedAt) => Line = line;

    public LineSlice Line { get; }

    public override void Release(LineArena arena) => arena.Release(Line);
}
