using System.Threading.Tasks.Dataflow;
using CotForge.Llm;
using CotForge.Pipeline.Dedupe;
using CotForge.Pipeline.Items;
using CotForge.Pipeline.Load;
using CotForge.Pipeline.Persist;
using CotForge.Pipeline.PostProcess;
using CotForge.Pipeline.Progress;
using CotForge.Pipeline.Search;
using CotForge.Pipeline.Verify;

namespace CotForge.Pipeline;

/// <summary>
/// The whole Dataflow graph of one run, in one place:
/// <code>
/// intake ─▶ batch ─▶ dedupe + admit ─▶ search ⇄ verify ─▶ post-process ─▶ persist
///   │ rejected rows ─────────────────────────────────────────────────────▲
/// </code>
/// Stage logic lives in the stage classes (plain async functions returning an <see cref="Outcome{T}"/>); this file
/// only wires them, routes items and decides when each block is complete.
/// </summary>
/// <remarks>
/// <para><b>Deadlock freedom.</b> The only cycle is search → verify → back edge → search. The back edge is an
/// unbounded <see cref="BufferBlock{T}"/>, so verify never waits on search; search waits only on verify (bounded)
/// and post-process, which drain into persist, a sink that waits on nothing inside the graph. No cycle of waits can
/// form, whatever the capacities (1 included). The back edge cannot grow without bound because an item must hold one
/// of <see cref="PipelineOptions.MaxItemsInFlight"/> admission slots to enter search, and gives it back only when
/// persist has recorded its outcome.</para>
/// <para><b>Completion.</b> Completion cannot simply propagate around a cycle: search is completed when intake is
/// done (dedupe completed) and no admitted item is left inside the cycle. Post-process completes when dedupe, search
/// and verify have all completed (it has three sources); persist when post-process and the intake loop (which sends
/// rejected rows straight to it) are done.</para>
/// <para><b>Failures.</b> Stage functions never throw, so a block only faults on a bug or a store (disk) failure; any
/// fault faults every block, stops intake, and is rethrown at the end.</para>
/// </remarks>
internal sealed class PipelineGraph
{
    private readonly SearchStage _searchStage;
    private readonly VerifyStage _verifyStage;
    private readonly PostProcessStage _postStage;
    private readonly PersistStage _persistStage;
    private readonly InputDeduplicator _deduplicator;
    private readonly PipelineOptions _options;
    private readonly TimeProvider _time;
    private readonly TokenLedger? _ledger;
    private readonly CancellationToken _budgetToken;
    private readonly IProgress<PipelineProgress>? _progress;
    private readonly PipelineCounters _counters = new();
    private readonly Dictionary<int, long> _steps = [];
    private readonly SemaphoreSlim _admission;
    private readonly CancellationTokenSource _intake = new();
    private readonly CancellationTokenSource _work = new();
    private long _inCycle;
    private int _admitDone;
    private int _budgetReached;
    private string? _budgetMessage;
    private Action _completeCycle = static () => { };

    public PipelineGraph(
        SearchStage searchStage,
        VerifyStage verifyStage,
        PostProcessStage postStage,
        PersistStage persistStage,
        InputDeduplicator deduplicator,
        PipelineOptions options,
        TimeProvider timeProvider,
        TokenLedger? ledger = null,
        CancellationToken budgetToken = default,
        IProgress<PipelineProgress>? progress = null)
    {
        _searchStage = searchStage;
        _verifyStage = verifyStage;
        _postStage = postStage;
        _persistStage = persistStage;
        _deduplicator = deduplicator;
        _options = options;
        _time = timeProvider;
        _ledger = ledger;
        _budgetToken = budgetToken;
        _progress = progress;
        _admission = new SemaphoreSlim(options.MaxItemsInFlight, options.MaxItemsInFlight);
    }

    /// <summary>Runs every record of <paramref name="source"/> to its outcome and returns the counts.</summary>
    /// <remarks>
    /// Cancelling <paramref name="cancellationToken"/> stops intake at once; items already admitted get
    /// <see cref="PipelineOptions.CancellationGracePeriod"/> to finish, then are abandoned. The method then returns
    /// normally with <see cref="StopReason.Cancelled"/>: everything recorded so far has been handed to the store.
    /// </remarks>
    public async Task<GraphResult> RunAsync(IAsyncEnumerable<LoadedRecord> source, Action<RowRejectedArgs>? onRejected, CancellationToken cancellationToken)
    {
        bool cancelled = false;
        ITimer? graceTimer = null;
        using CancellationTokenRegistration onCancel = cancellationToken.Register(() =>
        {
            cancelled = true;
            _intake.Cancel();
            if (_options.CancellationGracePeriod <= TimeSpan.Zero)
            {
                _work.Cancel();
            }
            else
            {
                graceTimer = _time.CreateTimer(static s => ((CancellationTokenSource)s!).Cancel(), _work, _options.CancellationGracePeriod, Timeout.InfiniteTimeSpan);
            }
        });
        using CancellationTokenRegistration onBudget = _budgetToken.Register(() => StopForBudget(null));

        var batcher = new BatchBlock<InputRow>(_options.DedupeBatchSize, new GroupingDataflowBlockOptions { BoundedCapacity = _options.DedupeBatchSize });
        // Dedupe also admits: a batch's new items take their admission slots one after another within one task, and
        // each goes on to search as soon as it has its slot. A separate admit block (capacity 1) moved the items one
        // at a time through two blocks, and left search without work for about half of a zero-latency run (in flight
        // under half of MaxItemsInFlight in ~45 % of progress snapshots, ~6 % now). Dataflow runs an async-enumerable
        // transform to completion on the task that started it, so while every slot is taken that task waits: one
        // pool thread at most, since the block's parallelism is 1.
        var dedupe = new TransformManyBlock<InputRow[], WorkItem>(DeduplicateAndAdmitAsync, new ExecutionDataflowBlockOptions { BoundedCapacity = 2, MaxDegreeOfParallelism = 1 });
        var search = new TransformBlock<WorkItem, WorkItem>(SearchAsync, Unordered(_options.SearchParallelism, _options.SearchCapacity));
        var verify = new TransformBlock<WorkItem, WorkItem>(VerifyAsync, Unordered(_options.VerifyParallelism, _options.VerifyCapacity));
        // Unbounded on purpose: it is what makes the search ⇄ verify loop unable to block. Its size is bounded by
        // the admission slots (MaxItemsInFlight), since only admitted items ever enter the loop.
        var backEdge = new BufferBlock<WorkItem>();
        var post = new TransformBlock<WorkItem, PersistMessage>(PostProcessAsync, Unordered(_options.PostProcessParallelism, _options.PostProcessCapacity));
        var persist = new ActionBlock<PersistMessage>(PersistAsync, new ExecutionDataflowBlockOptions { BoundedCapacity = _options.PersistCapacity, MaxDegreeOfParallelism = 1 });

        var propagate = new DataflowLinkOptions { PropagateCompletion = true };
        var link = new DataflowLinkOptions();
        batcher.LinkTo(dedupe, propagate);
        dedupe.LinkTo(search, link, static item => item.Failure is null);
        dedupe.LinkTo(post, link, static item => item.Failure is not null);
        // Predicates are mutually exclusive on purpose: with a catch-all link, an item refused by a full verify
        // block would be offered to the next link and take the wrong path.
        search.LinkTo(post, link, static item => item.IsFinished);
        search.LinkTo(verify, propagate, static item => !item.IsFinished && item.State == SessionState.NeedsVerification);
        search.LinkTo(backEdge, link, static item => !item.IsFinished && item.State == SessionState.NeedsAdvance);
        verify.LinkTo(post, link, static item => item.IsFinished);
        verify.LinkTo(backEdge, link, static item => !item.IsFinished);
        backEdge.LinkTo(search, link);
        post.LinkTo(persist, link);

        IDataflowBlock[] blocks = [batcher, dedupe, search, verify, backEdge, post, persist];
        Exception? fault = null;
        foreach (IDataflowBlock block in blocks)
        {
            _ = block.Completion.ContinueWith(
                t =>
                {
                    Interlocked.CompareExchange(ref fault, t.Exception!.GetBaseException(), null);
                    _intake.Cancel();
                    _work.Cancel();
                    foreach (IDataflowBlock other in blocks)
                    {
                        other.Fault(fault!);
                    }
                },
                CancellationToken.None,
                TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
        }

        _completeCycle = () => TryCompleteCycle(search, backEdge);
        _ = dedupe.Completion.ContinueWith(_ => { Volatile.Write(ref _admitDone, 1); _completeCycle(); }, TaskScheduler.Default);
        _ = Task.WhenAll(dedupe.Completion, search.Completion, verify.Completion)
            .ContinueWith(_ => post.Complete(), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);

        using var reporter = new ProgressReporter(
            _progress,
            _counters,
            c => (
                new StageLoad(batcher.OutputCount + dedupe.InputCount, Volatile.Read(ref c.DedupeActive)),
                new StageLoad(search.InputCount + backEdge.Count, Volatile.Read(ref c.SearchActive)),
                new StageLoad(verify.InputCount, Volatile.Read(ref c.VerifyActive)),
                new StageLoad(post.InputCount, Volatile.Read(ref c.PostProcessActive)),
                new StageLoad(persist.InputCount, Volatile.Read(ref c.PersistActive))),
            _ledger,
            _time,
            _options.ProgressInterval);

        Exception? intakeError = null;
        using (ITimer flush = _time.CreateTimer(static b => ((BatchBlock<InputRow>)b!).TriggerBatch(), batcher, _options.DedupeFlushInterval, _options.DedupeFlushInterval))
        {
            try
            {
                await IntakeAsync(source, batcher, persist, onRejected).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                // A reader failure (unreadable file, no usable field): what was read still runs to its outcome.
                intakeError = ex;
            }
            finally
            {
                batcher.Complete();
            }

            await post.Completion.ContinueWith(static _ => { }, TaskScheduler.Default).ConfigureAwait(false);
            persist.Complete();
            await persist.Completion.ContinueWith(static _ => { }, TaskScheduler.Default).ConfigureAwait(false);
        }

        reporter.Report(final: true);
        graceTimer?.Dispose();
        if (fault is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(fault);
        }

        if (intakeError is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(intakeError);
        }

        StopReason reason = Volatile.Read(ref _budgetReached) == 1 ? StopReason.BudgetReached
            : cancelled ? StopReason.Cancelled
            : StopReason.Completed;
        return new GraphResult(
            reason,
            _counters.RowsRead,
            _counters.Succeeded,
            _counters.Unverified,
            _counters.Failed,
            _counters.Rejected,
            _counters.InputDuplicates,
            _counters.AlreadyProcessed,
            _counters.Abandoned,
            reporter.Elapsed,
            new Dictionary<int, long>(_steps),
            reason == StopReason.BudgetReached ? _budgetMessage ?? "The LLM budget is spent." : null);
    }

    private static ExecutionDataflowBlockOptions Unordered(int parallelism, int capacity) => new()
    {
        MaxDegreeOfParallelism = parallelism,
        BoundedCapacity = capacity,
        EnsureOrdered = false,
        SingleProducerConstrained = false,
    };

    /// <summary>Reads the source as fast as the first blocks accept (SendAsync waits while they are full).</summary>
    private async Task IntakeAsync(IAsyncEnumerable<LoadedRecord> source, ITargetBlock<InputRow> batcher, ITargetBlock<PersistMessage> persist, Action<RowRejectedArgs>? onRejected)
    {
        CancellationToken token = _intake.Token;
        if (token.IsCancellationRequested)
        {
            return;
        }

        IAsyncEnumerator<LoadedRecord> records = source.GetAsyncEnumerator(token);
        await using (records.ConfigureAwait(false))
        {
            while (true)
            {
                try
                {
                    if (!await records.MoveNextAsync().ConfigureAwait(false))
                    {
                        return;
                    }
                }
                catch (OperationCanceledException) when (token.IsCancellationRequested)
                {
                    return;
                }

                Interlocked.Increment(ref _counters.RowsRead);
                LoadedRecord record = records.Current;
                bool sent;
                try
                {
                    if (record.Row is { } row)
                    {
                        sent = await batcher.SendAsync(row, token).ConfigureAwait(false);
                    }
                    else
                    {
                        onRejected?.Invoke(record.Reject);
                        sent = await persist.SendAsync(PersistMessage.For(record.Reject), token).ConfigureAwait(false);
                    }
                }
                catch (OperationCanceledException) when (token.IsCancellationRequested)
                {
                    sent = false;
                }

                if (!sent)
                {
                    // Read but never handed over: not recorded, so it is read again by the next run.
                    Interlocked.Increment(ref _counters.Abandoned);
                    return;
                }
            }
        }
    }

    /// <summary>Drops the batch's duplicates and already processed rows, then admits the new items in input order.</summary>
    private async IAsyncEnumerable<WorkItem> DeduplicateAndAdmitAsync(InputRow[] rows)
    {
        foreach (WorkItem item in Deduplicate(rows))
        {
            yield return TryAdmit(item) ? item : await AdmitAsync(item).ConfigureAwait(false);
        }
    }

    private IReadOnlyList<WorkItem> Deduplicate(InputRow[] rows)
    {
        Interlocked.Increment(ref _counters.DedupeActive);
        try
        {
            DedupeResult result = _deduplicator.Process(rows);
            Interlocked.Add(ref _counters.InputDuplicates, result.InputDuplicates);
            Interlocked.Add(ref _counters.AlreadyProcessed, result.AlreadyProcessed);
            return result.Fresh;
        }
        finally
        {
            Interlocked.Decrement(ref _counters.DedupeActive);
        }
    }

    /// <summary>Takes a free admission slot without waiting; false when all are taken or intake has stopped.</summary>
    private bool TryAdmit(WorkItem item)
    {
        if (_intake.IsCancellationRequested || !_admission.Wait(0))
        {
            return false;
        }

        MarkAdmitted(item);
        return true;
    }

    /// <summary>Takes an admission slot (waiting while <see cref="PipelineOptions.MaxItemsInFlight"/> items are in flight).</summary>
    private async Task<WorkItem> AdmitAsync(WorkItem item)
    {
        try
        {
            await _admission.WaitAsync(_intake.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Intake stopped (cancellation, budget, fault) before the item started: not recorded, retried next run.
            item.Failure = ItemFailure.Cancelled("admission");
            return item;
        }

        MarkAdmitted(item);
        return item;
    }

    private void MarkAdmitted(WorkItem item)
    {
        item.Admitted = true;
        Interlocked.Increment(ref _counters.InFlight);
        Interlocked.Increment(ref _inCycle);
    }

    private async Task<WorkItem> SearchAsync(WorkItem item)
    {
        Interlocked.Increment(ref _counters.SearchActive);
        try
        {
            Outcome<SessionState> outcome = await _searchStage.AdvanceAsync(item, _work.Token).ConfigureAwait(false);
            return Route(item, outcome);
        }
        finally
        {
            Interlocked.Decrement(ref _counters.SearchActive);
        }
    }

    private async Task<WorkItem> VerifyAsync(WorkItem item)
    {
        Interlocked.Increment(ref _counters.VerifyActive);
        try
        {
            Outcome<SessionState> outcome = await _verifyStage.VerifyAsync(item, _work.Token).ConfigureAwait(false);
            return Route(item, outcome);
        }
        finally
        {
            Interlocked.Decrement(ref _counters.VerifyActive);
        }
    }

    /// <summary>Records where the item goes next; an item leaving the loop may let the loop complete.</summary>
    private WorkItem Route(WorkItem item, Outcome<SessionState> outcome)
    {
        if (outcome.IsSuccess)
        {
            item.State = outcome.Value;
        }
        else
        {
            item.Failure = outcome.Failure;
            if (outcome.Failure!.BudgetReached)
            {
                StopForBudget(outcome.Failure.Message);
            }
        }

        if (item.IsFinished && Interlocked.Decrement(ref _inCycle) == 0)
        {
            _completeCycle();
        }

        return item;
    }

    private void TryCompleteCycle(IDataflowBlock search, IDataflowBlock backEdge)
    {
        if (Volatile.Read(ref _admitDone) == 1 && Interlocked.Read(ref _inCycle) == 0)
        {
            search.Complete();
            backEdge.Complete();
        }
    }

    private async Task<PersistMessage> PostProcessAsync(WorkItem item)
    {
        if (item.Failure is not null)
        {
            return PersistMessage.For(item);
        }

        Interlocked.Increment(ref _counters.PostProcessActive);
        try
        {
            Outcome<Storage.CompletedItem> outcome = await _postStage.ProcessAsync(item, _work.Token).ConfigureAwait(false);
            if (outcome.IsSuccess)
            {
                item.Completed = outcome.Value;
            }
            else
            {
                item.Failure = outcome.Failure;
                if (outcome.Failure!.BudgetReached)
                {
                    StopForBudget(outcome.Failure.Message);
                }
            }

            item.Result = null;
            return PersistMessage.For(item);
        }
        finally
        {
            Interlocked.Decrement(ref _counters.PostProcessActive);
        }
    }

    private async Task PersistAsync(PersistMessage message)
    {
        Interlocked.Increment(ref _counters.PersistActive);
        try
        {
            // Never cancelled: what reached persist is finished work, and recording it is what keeps it.
            ItemOutcome outcome = await _persistStage.RecordAsync(message, CancellationToken.None).ConfigureAwait(false);
            _counters.Count(outcome);
            if (message.Item is { } item)
            {
                if (outcome is ItemOutcome.Succeeded or ItemOutcome.Unverified)
                {
                    _steps[item.Advances] = _steps.GetValueOrDefault(item.Advances) + 1;
                }

                if (item.Admitted)
                {
                    item.Admitted = false;
                    Interlocked.Decrement(ref _counters.InFlight);
                    _admission.Release();
                }
            }
        }
        finally
        {
            Interlocked.Decrement(ref _counters.PersistActive);
        }
    }

    private void StopForBudget(string? message)
    {
        if (message is not null)
        {
            Interlocked.CompareExchange(ref _budgetMessage, message, null);
        }

        if (Interlocked.Exchange(ref _budgetReached, 1) == 0)
        {
            _intake.Cancel();
        }
    }
}
