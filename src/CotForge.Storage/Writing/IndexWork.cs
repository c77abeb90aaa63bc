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

    /// <summary>
    /// The group's item ids as keys (<see cref="KeyOf"/>), for the writer to tell whether a later group must wait for
    /// this one's rows: kept until the batch commits, so numbers rather than the id strings.
    /// </summary>
    public HashSet<UInt128> IdKeys { get; init; } = [];

    /// <summary>Flush requests that arrived with (after) the group; completed once it is indexed.</summary>
    public List<FlushRequest> Flushes { get; init; } = [];

    public bool HasRecords => ItemIds.Length > 0 || ErrorLines.Count > 0 || Rejects > 0;

    /// <summary>
    /// An id as a key for <see cref="IdKeys"/>: the 128-bit value of a hex MD5 id, else a hash of the string (a
    /// collision only makes a group wait for a commit it did not need).
    /// </summary>
    public static UInt128 KeyOf(string id) =>
        HexId.TryParse(id, out var key) ? key : new UInt128(ulong.MaxValue, (ulong)(uint)StringComparer.Ordinal.GetHashCode(id));

    /// <summary>
    /// Completes when the group's rows are in the index's open transaction and the index thread can take the next
    /// group; faults with the error that stopped the index thread.
    /// </summary>
    public TaskCompletionSource Applied { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the transaction holding the group's rows has committed; faults with the error that stopped the index thread.</summary>
    public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>Where a file ended after a group: its length, and the offset, length and hash of its last line (no line: null hash).</summary>
internal readonly record struct FileTail(long FileLength, long Offset, int Length, byte[]? Hash);
