using CotForge.Core.Items;
using CotForge.Core.Reasoning;
using CotForge.Core.Search;
using CotForge.Storage;

namespace CotForge.Pipeline.Items;

/// <summary>
/// One item travelling through the graph. Exactly one stage touches it at a time (the graph hands it from block to
/// block), so its mutable fields need no locking.
/// </summary>
internal sealed class WorkItem
{
    public WorkItem(string id, UInt128 key, string question, string groundTruth, long line, int seed)
    {
        Id = id;
        Key = key;
        Question = question;
        GroundTruth = groundTruth;
        Line = line;
        Seed = seed;
        Context = new ItemContext(id, question, groundTruth);
    }

    public string Id { get; }

    public UInt128 Key { get; }

    public string Question { get; }

    public string GroundTruth { get; }

    /// <summary>Input line or record number, for messages.</summary>
    public long Line { get; }

    public int Seed { get; }

    /// <summary>Entered around every call made for this item (token attribution, simulated oracle).</summary>
    public ItemContext Context { get; }

    /// <summary>True once the item holds an admission slot, which is released when its outcome is recorded.</summary>
    public bool Admitted { get; set; }

    public SearchSession? Session { get; set; }

    /// <summary>Where the item goes next (set by the stage that just handled it).</summary>
    public SessionState State { get; set; }

    public SearchResult? Result { get; set; }

    /// <summary>The record to append, once post-processing built it.</summary>
    public CompletedItem? Completed { get; set; }

    /// <summary>
    /// The pooled array under <see cref="Completed"/>'s result JSON (<see cref="System.Buffers.ArrayPool{T}.Shared"/>):
    /// persist returns it once the writer has copied the bytes into its line, and clears <see cref="Completed"/>.
    /// </summary>
    public byte[]? RentedResultJson { get; set; }

    /// <summary>Set when the item failed or was abandoned; it then goes straight to persist.</summary>
    public ItemFailure? Failure { get; set; }

    /// <summary>Search steps (advances) made, for the summary's depth statistics.</summary>
    public int Advances { get; set; }

    public bool IsFinished => Failure is not null || State == SessionState.Complete;
}
