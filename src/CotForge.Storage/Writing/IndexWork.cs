using CotForge.Storage.Index;

namespace CotForge.Storage.Writing;

/// <summary>
/// What the index thread needs of one group whose lines are already written (and durable, per the writer's
/// durability): the rows read before writing, where every line went, the tail of each file, and who waits on it.
/// </summary>
internal sealed class IndexWork
{
    /// <summary>The index rows of the group's item ids as read before the group was written (the commit rule updates them).</summary>
    public Dictionary<string, ItemState> States { get; init; } = [];

    public List<ResultLine> ResultLines { get; init; } = [];

    public List<ProcessedLine> ProcessedLines { get; init; } = [];

    public List<ErrorLine> ErrorLines { get; init; } = [];

    public int Rejects { get; init; }

    public FileTail ProcessedTail { get; init; }

    public FileTail ResultsTail { get; init; }

    public FileTail ErrorsTail { get; init; }

    public FileTail RejectsTail { get; init; }

    /// <summary>Every item of the group (raised through <c>Committed</c>, written or not).</summary>
    public string[] ItemIds { get; init; } = [];

    /// <summary>The ids of the items whose lines were written (the others were already committed as succeeded).</summary>
    public string[] WrittenIds { get; init; } = [];

    /// <summary>The group's item ids, for the writer to tell whether the next group must wait for this one's rows.</summary>
    public HashSet<string> IdSet { get; init; } = new(StringComparer.Ordinal);

    /// <summary>Flush requests that arrived with (after) the group; completed once it is indexed.</summary>
    public List<FlushRequest> Flushes { get; init; } = [];

    public bool HasRecords => ItemIds.Length > 0 || ErrorLines.Count > 0 || Rejects > 0;

    /// <summary>Completes when the group is indexed; faults with the error that stopped the index thread.</summary>
    public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>Where a file ended after a group: its length, and the offset, length and hash of its last line (no line: null hash).</summary>
internal readonly record struct FileTail(long FileLength, long Offset, int Length, byte[]? Hash);
