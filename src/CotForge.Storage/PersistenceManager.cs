using System.Text.Json.Nodes;

namespace CotForge.Storage;

/// <summary>
/// The read side and the maintenance operations over one <c>&lt;base&gt;/&lt;dataset&gt;/&lt;search&gt;</c> directory
/// (SPEC §4). Opening it recovers the directory after a crash and brings the SQLite index up to date, so every query
/// afterwards is answered from the index without scanning the JSONL files.
/// </summary>
public sealed class PersistenceManager : IDisposable
{
    private PersistenceManager(DatasetLocation location) => Location = location;

    /// <summary>The directory this manager works on.</summary>
    public DatasetLocation Location { get; }

    /// <summary>
    /// Opens (creating if needed) the directory: cuts torn last lines aside, resolves an item present in only one file
    /// by the commit rule, and rebuilds or catches up the index. When a live writer holds the lock the directory is
    /// opened read-only and left untouched.
    /// </summary>
    public static PersistenceManager Open(DatasetLocation location, PersistenceOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(location);
        (options ?? new PersistenceOptions()).Validate();
        throw new NotImplementedException("Storage contract surface only; the implementation follows.");
    }

    /// <summary>Streams the committed results in file order, each id once.</summary>
    public IAsyncEnumerable<ResultRecord> LoadResultsAsync(CancellationToken cancellationToken = default) => throw new NotImplementedException();

    /// <summary>Streams the committed post-processed records in file order, each id once.</summary>
    public IAsyncEnumerable<ProcessedRecord> LoadProcessedResultsAsync(CancellationToken cancellationToken = default) => throw new NotImplementedException();

    /// <summary>True when the id is committed (succeeded or unverified).</summary>
    public bool IsProcessed(string id) => throw new NotImplementedException();

    /// <summary>
    /// Returns the subset of <paramref name="ids"/> that is committed, in batched index queries. With
    /// <paramref name="includeUnverified"/> false only succeeded ids count, so unverified items are retried.
    /// </summary>
    public IReadOnlySet<string> FindProcessed(IReadOnlyCollection<string> ids, bool includeUnverified = true) => throw new NotImplementedException();

    /// <summary>The contents of config.json, or null when none was written yet.</summary>
    public JsonObject? LoadConfig() => throw new NotImplementedException();

    /// <summary>Counts per outcome, from the index.</summary>
    public DatasetStatus GetStatus() => throw new NotImplementedException();

    /// <summary>Deletes every file of the directory (results, processed, errors, rejects, metadata, config, index).</summary>
    public void Reset() => throw new NotImplementedException();

    /// <summary>Removes one item from both JSONL files and the index; false when it was not present.</summary>
    public bool Delete(string id) => throw new NotImplementedException();

    /// <summary>Removes the item of a (question, ground truth) pair; false when it was not present.</summary>
    public bool Delete(string question, string groundTruth) => throw new NotImplementedException();

    /// <summary>Rebuilds the index from the JSONL files.</summary>
    public void Reindex() => throw new NotImplementedException();

    /// <summary>
    /// Takes the directory lock and returns the single writer. Throws <see cref="DatasetLockedException"/> when a live
    /// process holds the lock.
    /// </summary>
    public DatasetWriter OpenWriter(WriterOptions? options = null) => throw new NotImplementedException();

    /// <inheritdoc />
    public void Dispose()
    {
    }
}
