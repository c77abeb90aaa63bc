namespace CotForge.Storage.Writing;

/// <summary>A failed item's serialized errors.jsonl line.</summary>
internal sealed class PendingError : PendingRecord
{
    public PendingError(ErrorRecord error, LineSlice line, long enqueuedAt)
        : base(enqueuedAt)
    {
        Error = error;
        Line = line;
    }

    public ErrorRecord Error { get; }

    public LineSlice Line { get; }

    public override void Release(LineArena arena) => arena.Release(Line);
}
