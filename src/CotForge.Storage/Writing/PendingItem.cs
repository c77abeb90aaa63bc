namespace CotForge.Storage.Writing;

/// <summary>A completed item with its two serialized lines.</summary>
internal sealed class PendingItem : PendingRecord
{
    public PendingItem(string id, bool success, string timestamp, LineSlice processedLine, LineSlice resultLine, long enqueuedAt)
        : base(enqueuedAt)
    {
        Id = id;
        Success = success;
        Timestamp = timestamp;
        ProcessedLine = processedLine;
        ResultLine = resultLine;
    }

    public string Id { get; }

    public bool Success { get; }

    public string Timestamp { get; }

    public LineSlice ProcessedLine { get; }

    public LineSlice ResultLine { get; }

    public override void Release(LineArena arena)
    {
        arena.Release(ProcessedLine);
        arena.Release(ResultLine);
    }
}
