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
