namespace CotForge.Storage;

/// <summary>Options for <see cref="PersistenceManager.Open"/>.</summary>
public sealed class PersistenceOptions
{
    /// <summary>The clock used for timestamps of maintenance operations. Default: <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>
    /// Batch size for membership lookups (<see cref="PersistenceManager.FindProcessed"/>): ids per SQLite query.
    /// Default 1,000; must be between 1 and 100,000.
    /// </summary>
    public int LookupBatchSize { get; init; } = 1000;

    /// <summary>
    /// Batched lookups switch to an exact in-memory copy of the committed ids (16 bytes per item) once this manager
    /// has looked up at least a sixteenth as many ids as the dataset holds, provided the dataset holds at most this many
    /// items. 0 disables the copy (every lookup goes to SQLite). Default 10,000,000 (about 160 MB at most).
    /// </summary>
    public int LookupCacheMaxItems { get; init; } = 10_000_000;

    /// <summary>Below this many items SQLite alone is fast enough and no cache is built. Tests lower it.</summary>
    internal int LookupCacheMinItems { get; init; } = 4096;

    /// <summary>
    /// A rebuild of the index applies the commit rule in memory (about 100 bytes per item) for up to this many items,
    /// then indexes the rest in batches through SQLite (slower, constant memory). Tests lower it; 0 always batches.
    /// </summary>
    internal int RebuildInMemoryMaxItems { get; init; } = DefaultRebuildInMemoryMaxItems;

    /// <summary>The default of <see cref="RebuildInMemoryMaxItems"/>: 4M items, about 400 MB at the peak of a rebuild.</summary>
    internal const int DefaultRebuildInMemoryMaxItems = 4_000_000;

    /// <summary>
    /// How long an operation waits for a lock inside SQLite before giving up. Default 5 seconds; must be between
    /// 0 and 10 minutes.
    /// </summary>
    public TimeSpan SqliteBusyTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Throws <see cref="ArgumentException"/> naming every invalid option and its value.</summary>
    public void Validate()
    {
        var problems = new List<string>();
        if (TimeProvider is null)
        {
            problems.Add("'TimeProvider' must not be null.");
        }

        if (LookupBatchSize is < 1 or > 100_000)
        {
            problems.Add($"'LookupBatchSize' must be between 1 and 100000; was {LookupBatchSize}.");
        }

        if (LookupCacheMaxItems < 0)
        {
            problems.Add($"'LookupCacheMaxItems' must be 0 (off) or positive; was {LookupCacheMaxItems}.");
        }

        if (SqliteBusyTimeout < TimeSpan.Zero || SqliteBusyTimeout > TimeSpan.FromMinutes(10))
        {
            problems.Add($"'SqliteBusyTimeout' must be between 0 and 10 minutes; was {SqliteBusyTimeout}.");
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid persistence options: " + string.Join(" ", problems));
        }
    }
}
