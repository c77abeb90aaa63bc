namespace CotForge.Storage;

/// <summary>Options for <see cref="PersistenceManager.OpenWriter"/>: group commit, durability and checkpoints.</summary>
public sealed class WriterOptions
{
    /// <summary>A group is committed once it holds this many items. Default 256; between 1 and 100,000.</summary>
    public int GroupCommitItems { get; init; } = 256;

    /// <summary>
    /// When the writer has fallen behind (typically while it waited for an fsync), a group also takes the records
    /// already queued beyond <see cref="GroupCommitItems"/>, up to this many, so that one fsync covers them all and
    /// throughput grows with load instead of being capped by the disk's sync latency. Default null: up to
    /// <see cref="QueueCapacity"/>; when set, between <see cref="GroupCommitItems"/> and <see cref="QueueCapacity"/>.
    /// </summary>
    public int? MaxGroupItems { get; init; }

    internal int EffectiveMaxGroupItems => MaxGroupItems ?? QueueCapacity;

    /// <summary>
    /// A group is committed at the latest this long after its first record arrived. Default 50 ms; between 0 and
    /// 1 minute (0 commits whatever is queued as soon as the writer gets to it).
    /// </summary>
    public TimeSpan GroupCommitInterval { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>How far each group is pushed towards the disk before it counts as committed. Default <see cref="DurabilityLevel.Fsync"/>.</summary>
    public DurabilityLevel Durability { get; init; } = DurabilityLevel.Fsync;

    /// <summary>
    /// metadata.json is rewritten after this many committed items — or, in a large dataset, after a tenth of the
    /// items it already holds, whichever is more, because each rewrite lists every processed id. Default 10,000; at
    /// least 1.
    /// </summary>
    public int MetadataCheckpointItems { get; init; } = 10_000;

    /// <summary>metadata.json is rewritten at least this often while items commit. Default 30 s; between 1 s and 1 day.</summary>
    public TimeSpan MetadataCheckpointInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How many records may wait for the writer before <see cref="DatasetWriter.AppendAsync"/> waits (backpressure).
    /// Default 1,024 (four default groups); at least <see cref="GroupCommitItems"/>. Every waiting record holds its
    /// two lines (~12 KB for a naive tree) and the writer's line pool keeps as many buffers as can be out at once, so
    /// a deeper queue costs memory without adding throughput: a group commits while the next one fills.
    /// </summary>
    public int QueueCapacity { get; init; } = 1024;

    /// <summary>
    /// Under load the index folds consecutive groups into one transaction, committed once it holds this many items
    /// (or when no next group comes within about a group interval, when a flush asks for it, before a metadata.json
    /// checkpoint, and when the writer closes). Default 65,536; between 1 and 1,000,000; 1 commits every group.
    /// </summary>
    /// <remarks>
    /// The JSONL lines are still made durable group by group, and they are what counts: an item is committed once its
    /// results line is on disk, and a later open indexes any lines the index had not caught up with. What the batch
    /// saves is the index's own writing: ids are random, so every group's transaction rewrote about one 4 KB index
    /// page per item (into the WAL, then again at checkpoints) — on a 1M-item run more bytes than the results
    /// themselves. <see cref="DatasetWriter.Committed"/> follows the index commit, so it can come up to a batch later.
    /// </remarks>
    public int IndexBatchItems { get; init; } = 65_536;

    /// <summary>For tests: how long the index waits for a next group before committing its batch (default: the group interval + 10 ms, at most 100 ms).</summary>
    internal TimeSpan? IndexIdleCommitWait { get; init; }

    /// <summary>The clock for group deadlines, checkpoints and timestamps. Default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Throws <see cref="ArgumentException"/> naming every invalid option and its value, and how to fix it.</summary>
    public void Validate()
    {
        var problems = new List<string>();
        if (GroupCommitItems is < 1 or > 100_000)
        {
            problems.Add($"'GroupCommitItems' must be between 1 and 100000; was {GroupCommitItems}.");
        }

        if (GroupCommitInterval < TimeSpan.Zero || GroupCommitInterval > TimeSpan.FromMinutes(1))
        {
            problems.Add($"'GroupCommitInterval' must be between 0 and 1 minute; was {GroupCommitInterval}.");
        }

        if (!Enum.IsDefined(Durability))
        {
            problems.Add($"'Durability' must be None, Flush or Fsync; was {(int)Durability}.");
        }

        if (MetadataCheckpointItems < 1)
        {
            problems.Add($"'MetadataCheckpointItems' must be at least 1; was {MetadataCheckpointItems}.");
        }

        if (MetadataCheckpointInterval < TimeSpan.FromSeconds(1) || MetadataCheckpointInterval > TimeSpan.FromDays(1))
        {
            problems.Add($"'MetadataCheckpointInterval' must be between 1 second and 1 day; was {MetadataCheckpointInterval}.");
        }

        if (QueueCapacity < GroupCommitItems)
        {
            problems.Add($"'QueueCapacity' ({QueueCapacity}) must be at least 'GroupCommitItems' ({GroupCommitItems}); raise QueueCapacity or lower GroupCommitItems.");
        }

        if (MaxGroupItems is { } max && (max < GroupCommitItems || max > QueueCapacity))
        {
            problems.Add($"'MaxGroupItems' ({MaxGroupItems}) must be between 'GroupCommitItems' ({GroupCommitItems}) and 'QueueCapacity' ({QueueCapacity}).");
        }

        if (IndexBatchItems is < 1 or > 1_000_000)
        {
            problems.Add($"'IndexBatchItems' must be between 1 and 1000000; was {IndexBatchItems}.");
        }

        if (TimeProvider is null)
        {
            problems.Add("'TimeProvider' must not be null.");
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid writer options: " + string.Join(" ", problems));
        }
    }
}
