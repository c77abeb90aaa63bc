using CotForge.Pipeline.Items;
using CotForge.Pipeline.Load;

namespace CotForge.Pipeline.Persist;

/// <summary>What reaches the single writer: a finished (or failed, or abandoned) item, or a rejected row.</summary>
internal readonly struct PersistMessage
{
    private PersistMessage(WorkItem? item, RowRejectedArgs reject)
    {
        Item = item;
        Reject = reject;
    }

    public WorkItem? Item { get; }

    public RowRejectedArgs Reject { get; }

    public static PersistMessage For(WorkItem item) => new(item, default);

    public static PersistMessage For(RowRejectedArgs reject) => new(null, reject);
}
