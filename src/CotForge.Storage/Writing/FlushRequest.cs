namespace CotForge.Storage.Writing;

/// <summary>Asks the writer to commit everything queued before it now, and to report back.</summary>
internal sealed class FlushRequest : PendingRecord
{
    public FlushRequest(long enqueuedAt)
        : base(enqueuedAt)
    {
    }

    public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
