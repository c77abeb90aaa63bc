using System.Text.Json.Nodes;
using System.Threading.Channels;
using CotForge.Storage.Index;
using CotForge.Storage.Jsonl;
using CotForge.Storage.Layout;
using CotForge.Storage.Locking;
using CotForge.Storage.Writing;

namespace CotForge.Storage;

/// <summary>
/// The single writer of a dataset directory. Records are queued and committed in groups (at most
/// <see cref="WriterOptions.GroupCommitItems"/> records, at the latest <see cref="WriterOptions.GroupCommitInterval"/>
/// after the group's first record). Per group the writer appends the post-processed lines, then the results lines —
/// a results line is an item's commit point (see the commit rule on <c>CommitRule</c>) — then error and reject lines,
/// makes them durable per <see cref="WriterOptions.Durability"/>, and updates the index on the index thread while the
/// next group's lines are written (under load several groups share one SQLite transaction, see
/// <see cref="WriterOptions.IndexBatchItems"/>); <see cref="Committed"/> is raised once that transaction commits.
/// metadata.json is rewritten atomically at checkpoints and on dispose.
/// </summary>
/// <remarks>
/// An item whose id is already committed as succeeded is not written again (the first succeeded record stands); it is
/// still reported through <see cref="Committed"/>. An item whose id is committed as unverified is written and replaces
/// the earlier record (a retry). Once an I/O error stops the writer, every later call throws; everything reported
/// through <see cref="Committed"/> before that is on disk, and the next open recovers the rest.
/// </remarks>
public sealed partial class DatasetWriter : IAsyncDisposable
{
    private readonly DatasetLocation _location;
    private readonly DatasetFiles _files;
    private readonly DirectoryLock _lock;
    private readonly IndexStore _store;
    private readonly WriterOptions _options;
    private readonly TimeProvider _time;
    private readonly Action _onClosed;
    private readonly Action<IReadOnlyList<(string Id, bool Succeeded)>>? _onIndexing;
    private readonly Action? _onIndexCommitted;
    private readonly Channel<PendingRecord> _queue;
    private readonly LineArena _arena = new();
    private readonly Task _loop;
    private readonly object _runInfoSync = new();
    private readonly object _configSync = new();
    private JsonObject? _runInfo;
    private bool _runInfoDirty;
    private volatile Exception? _fault;
    private int _disposed;

    internal DatasetWriter(DatasetLocation location, DatasetFiles files, DirectoryLock directoryLock, IndexStore store, WriterOptions options, Action onClosed,
        Action<IReadOnlyList<(string Id, bool Succeeded)>>? onIndexing = null, Action? onIndexCommitted = null)
    {
        _onIndexing = onIndexing;
        _onIndexCommitted = onIndexCommitted;
        _location = location;
        _files = files;
        _lock = directoryLock;
        _store = store;
        _options = options;
        _time = options.TimeProvider;
        _onClosed = onClosed;
        _queue = Channel.CreateBounded<PendingRecord>(new BoundedChannelOptions(options.QueueCapacity)
        {
            SingleReader = true,
            SingleWriter = false,
            FullMode = BoundedChannelFullMode.Wait,
        });

        _processed = new JsonlAppender(files.Processed);
        _results = new JsonlAppender(files.Results);
        _errors = new JsonlAppender(files.Errors);
        _rejects = new JsonlAppender(files.Rejects);
        _fileStates = store.ReadFileStates();
        _committedItems = store.ReadCounters().GetValueOrDefault(IndexCounters.Completed);
        _lastCheckpoint = _time.GetTimestamp();
        StartIndexer();
        _loop = Task.Run(RunAsync);
    }

    /// <summary>
    /// Raised on the writer's index thread with the ids of a group once the group is durable (per
    /// <see cref="WriterOptions.Durability"/>) and indexed. Handlers should be quick; an exception thrown by a handler
    /// stops the writer.
    /// </summary>
    public event Action<IReadOnlyList<string>>? Committed;

    /// <summary>The directory this writer writes.</summary>
    public DatasetLocation Location => _location;

    /// <summary>
    /// Writes config.json on the first run; on a resume compares the stored configuration with
    /// <paramref name="config"/>, ignoring keys that change on every run (<c>created_at</c> and the like) and the
    /// top-level <c>operational</c> section (budgets, prices, simulated latency and faults: a resume rewrites it with its
    /// own values), and throws <see cref="ConfigMismatchException"/> listing each difference and how to proceed when they differ. With
    /// <paramref name="allowChange"/> a differing configuration is accepted: the old config.json is kept as
    /// <c>config.previous-&lt;time&gt;.json</c> and the new one replaces it. <c>created_at</c>, <c>dataset_name</c> and
    /// <c>search_name</c> are added when missing.
    /// </summary>
    public void EnsureConfig(JsonObject config, bool allowChange)
    {
        ArgumentNullException.ThrowIfNull(config);
        ThrowIfUnusable();
        lock (_configSync)
        {
            ConfigFile.Ensure(_files.Config, _location, config, allowChange, _time.GetUtcNow(), _options.Durability != DurabilityLevel.None);
        }
    }

    /// <summary>
    /// Queues a finished item. The call returns once the item is queued (waiting while the queue is full); the item is
    /// committed with its group and reported through <see cref="Committed"/>. Throws <see cref="ArgumentException"/>
    /// when the item is malformed (empty id, result that is not a single JSON value).
    /// </summary>
    public ValueTask AppendAsync(CompletedItem item, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentException.ThrowIfNullOrEmpty(item.Id, nameof(item));
        ArgumentNullException.ThrowIfNull(item.Question, nameof(item));
        ArgumentNullException.ThrowIfNull(item.GroundTruth, nameof(item));
        ArgumentNullException.ThrowIfNull(item.ChainOfThoughtResponses, nameof(item));
        ThrowIfUnusable();

        var resultJson = item.ResultIsCompactJson ? item.ResultJson : LineFormatter.NormalizeSingleLine(item.ResultJson, nameof(item));
        string timestamp = PythonIsoFormat.Format(item.Timestamp);
        // Formatted on the caller's thread (in parallel with the writer's I/O) into the arena; the writer only copies bytes.
        var processed = _arena.Format(item, static (line, i) => LineFormatter.WriteProcessed(line, i.Id, i.Question, i.GroundTruth, i.ChainOfThoughtResponses));
        LineSlice result;
        try
        {
            result = _arena.Format((item, timestamp, resultJson), static (line, s) =>
                LineFormatter.WriteResult(line, s.item.Id, s.item.Question, s.item.GroundTruth, s.item.Success, s.timestamp, s.resultJson.Span));
        }
        catch
        {
            _arena.Release(processed);
            throw;
        }

        return EnqueueAsync(new PendingItem(item.Id, item.Success, timestamp, processed, result, _time.GetTimestamp()), cancellationToken);
    }

    /// <summary>Queues a failed item's error line (errors.jsonl); committed with the next group.</summary>
    public ValueTask AppendErrorAsync(ErrorRecord error, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(error);
        ArgumentException.ThrowIfNullOrEmpty(error.Id, nameof(error));
        ThrowIfUnusable();
        var line = _arena.Format(error with
        {
            Stage = error.Stage ?? string.Empty,
            Kind = error.Kind ?? string.Empty,
            Message = error.Message ?? string.Empty,
        }, static (buffer, e) => LineFormatter.WriteError(buffer, e));
        return EnqueueAsync(new PendingError(error, line, _time.GetTimestamp()), cancellationToken);
    }

    /// <summary>Queues a rejected input row (rejects.jsonl; raw text cut to <see cref="RejectRecord.MaxRawLength"/> characters).</summary>
    public ValueTask AppendRejectAsync(RejectRecord reject, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reject);
        ThrowIfUnusable();
        var line = _arena.Format(reject with
        {
            File = reject.File ?? string.Empty,
            Reason = reject.Reason ?? string.Empty,
            Raw = reject.Raw ?? string.Empty,
        }, static (buffer, r) => LineFormatter.WriteReject(buffer, r));
        return EnqueueAsync(new PendingReject(line, _time.GetTimestamp()), cancellationToken);
    }

    /// <summary>
    /// Sets the run information (e.g. token usage) stored under <c>cotforge.run_info</c> in metadata.json and shown by
    /// <see cref="PersistenceManager.GetStatus"/>. It is saved with the next group and at every checkpoint.
    /// </summary>
    public void SetRunInfo(JsonObject info)
    {
        ArgumentNullException.ThrowIfNull(info);
        var copy = (JsonObject)info.DeepClone();
        lock (_runInfoSync)
        {
            _runInfo = copy;
            _runInfoDirty = true;
        }
    }

    /// <summary>Completes once everything queued before the call is committed; throws if the writer failed.</summary>
    public async ValueTask FlushAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfUnusable();
        var request = new FlushRequest(_time.GetTimestamp());
        await EnqueueAsync(request, cancellationToken).ConfigureAwait(false);
        await request.Completion.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Commits what is queued, writes metadata.json atomically, closes the files and releases the directory lock.
    /// Throws the error that stopped the writer, if one did (after releasing everything).
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _queue.Writer.TryComplete();
        try
        {
            await _loop.ConfigureAwait(false);
            if (_fault is null)
            {
                Checkpoint(final: true);
            }
        }
        catch (Exception e) when (_fault is null)
        {
            _fault = e;
        }
        finally
        {
            _processed.Dispose();
            _results.Dispose();
            _errors.Dispose();
            _rejects.Dispose();
            _reader?.Dispose();
            _store.Dispose();
            _lock.Dispose();
            _onClosed();
        }

        if (_fault is { } fault)
        {
            throw new IOException($"The dataset writer for '{_location.DirectoryPath}' stopped with an error; items not reported as committed were not written. Reopening the directory recovers it.", fault);
        }
    }

    private async ValueTask EnqueueAsync(PendingRecord record, CancellationToken cancellationToken)
    {
        try
        {
            await _queue.Writer.WriteAsync(record, cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
            record.Release(_arena);
            ThrowIfUnusable();
            throw new ObjectDisposedException(nameof(DatasetWriter));
        }
        catch
        {
            record.Release(_arena);
            throw;
        }
    }

    private void ThrowIfUnusable()
    {
        if (_fault is { } fault)
        {
            throw new InvalidOperationException($"The dataset writer for '{_location.DirectoryPath}' stopped after an error: {fault.Message}", fault);
        }

        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
    }
}
