using CotForge.Storage.Index;
using CotForge.Storage.Layout;
using CotForge.Storage.Locking;
using CotForge.Storage.Recovery;

namespace CotForge.Storage;

/// <summary>
/// The read side and the maintenance operations over one <c>&lt;base&gt;/&lt;dataset&gt;/&lt;search&gt;</c> directory
/// (SPEC §4). Opening it recovers the directory after a crash and brings the SQLite index up to date, so every query
/// afterwards is answered from the index without scanning the JSONL files. Thread-safe; queries may run while this
/// manager's <see cref="DatasetWriter"/> commits.
/// </summary>
public sealed partial class PersistenceManager : IDisposable
{
    private readonly object _sync = new();
    private readonly DatasetFiles _files;
    private readonly PersistenceOptions _options;
    private IndexStore _index;
    private bool _writerOpen;
    private bool _disposed;

    private PersistenceManager(DatasetLocation location, DatasetFiles files, PersistenceOptions options, IndexStore index, bool readOnly, RecoveryReport report)
    {
        Location = location;
        _files = files;
        _options = options;
        _index = index;
        IsReadOnly = readOnly;
        LastRecovery = report;
    }

    /// <summary>The directory this manager works on.</summary>
    public DatasetLocation Location { get; }

    /// <summary>
    /// True when the directory was opened while another process's writer held it: the files were not repaired and the
    /// index is read as that writer maintains it (or, if it could not be trusted, built in memory for this reader).
    /// Maintenance operations and <see cref="OpenWriter"/> still work once that writer has finished.
    /// </summary>
    public bool IsReadOnly { get; private set; }

    /// <summary>What the last open or maintenance operation had to repair or index.</summary>
    internal RecoveryReport LastRecovery { get; private set; }

    /// <summary>The post-processed file in use: processed_results.jsonl, or reasoning.jsonl in a cot-forge directory that has only that.</summary>
    public string ProcessedFileName => _files.ProcessedFileName;

    /// <summary>
    /// Opens (creating if needed) the directory. When no live process holds its lock: cuts torn last lines aside into
    /// <c>*.torn</c> files, cuts post-processed lines whose results line is missing (the crash case of the commit rule),
    /// and rebuilds or catches up the index. When a live writer holds the lock, the directory is opened read-only and
    /// left untouched (see <see cref="IsReadOnly"/>).
    /// </summary>
    public static PersistenceManager Open(DatasetLocation location, PersistenceOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(location);
        options ??= new PersistenceOptions();
        options.Validate();
        Directory.CreateDirectory(location.DirectoryPath);
        var files = new DatasetFiles(location.DirectoryPath);
        var report = new RecoveryReport();
        var directoryLock = DirectoryLock.TryAcquire(files.Directory, files.Lock, files.LockOwner, options.TimeProvider, out _);
        if (directoryLock is not null)
        {
            using (directoryLock)
            {
                var index = OpenSynchronized(files, options, report);
                return new PersistenceManager(location, files, options, index, readOnly: false, report);
            }
        }

        return new PersistenceManager(location, files, options, OpenForReading(files, options, report), readOnly: true, report);
    }

    /// <summary>
    /// Takes the directory lock and returns the single writer; the lock is held until the writer is disposed. Recovery
    /// and index catch-up run again under the lock, so changes made since <see cref="Open"/> are picked up. Throws
    /// <see cref="DatasetLockedException"/> when a live process holds the lock, and
    /// <see cref="InvalidOperationException"/> when this manager already has an open writer.
    /// </summary>
    public DatasetWriter OpenWriter(WriterOptions? options = null)
    {
        options ??= new WriterOptions();
        options.Validate();
        lock (_sync)
        {
            ThrowIfDisposed();
            if (_writerOpen)
            {
                throw new InvalidOperationException($"A writer is already open for '{Location.DirectoryPath}'; dispose it before opening another.");
            }

            var directoryLock = DirectoryLock.Acquire(_files.Directory, _files.Lock, _files.LockOwner, _options.TimeProvider);
            IndexStore? writerStore = null;
            try
            {
                var report = new RecoveryReport();
                writerStore = OpenSynchronized(_files, _options, report);
                LastRecovery = report;
                if (_index.Path is null)
                {
                    // This reader had an in-memory index; the file index is now current, so read that one.
                    _index.Dispose();
                    _index = IndexStore.Open(_files.Index, _options.SqliteBusyTimeout, mayRecreate: false)
                        ?? throw new IOException($"The index {_files.Index} could not be opened after it was rebuilt.");
                }

                IsReadOnly = false;
                var writer = new DatasetWriter(Location, _files, directoryLock, writerStore, options, OnWriterClosed, OnGroupIndexing, OnIndexCommitted);
                _writerOpen = true;
                return writer;
            }
            catch
            {
                writerStore?.Dispose();
                directoryLock.Dispose();
                throw;
            }
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_sync)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _index.Dispose();
        }
    }

    private static IndexStore OpenSynchronized(DatasetFiles files, PersistenceOptions options, RecoveryReport report)
    {
        var index = IndexStore.Open(files.Index, options.SqliteBusyTimeout, mayRecreate: true)
            ?? throw new IOException($"The index {files.Index} could not be created.");
        try
        {
            IndexSynchronizer.Synchronize(index, files, mayModifyFiles: true, report, options.RebuildInMemoryMaxItems);
            return index;
        }
        catch
        {
            index.Dispose();
            throw;
        }
    }

    private static IndexStore OpenForReading(DatasetFiles files, PersistenceOptions options, RecoveryReport report)
    {
        // A live writer maintains the index file; a reader must not write it. If it cannot be trusted, build a
        // private index in memory from the complete lines of the files.
        var index = IndexStore.Open(files.Index, options.SqliteBusyTimeout, mayRecreate: false);
        string? reason = index is null ? "the index is missing or of another version" : IndexSynchronizer.CheckUsable(index, files);
        if (reason is null)
        {
            return index!;
        }

        index?.Dispose();
        var memory = IndexStore.OpenInMemory();
        IndexSynchronizer.Synchronize(memory, files, mayModifyFiles: false, report, options.RebuildInMemoryMaxItems);
        report.RebuildReason = reason;
        report.InMemoryIndex = true;
        return memory;
    }

    private void OnWriterClosed()
    {
        lock (_sync)
        {
            _writerOpen = false;
            _indexingNotCommitted.Clear();
            if (_cache is not null && !_disposed)
            {
                // Every commit so far was ours; from now on a change means another process wrote.
                _cacheDataVersion = _index.DataVersion();
            }
        }
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed, this);
}
