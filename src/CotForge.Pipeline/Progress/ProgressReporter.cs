using CotForge.Llm;

namespace CotForge.Pipeline.Progress;

/// <summary>
/// Reports <see cref="PipelineProgress"/> on a <see cref="TimeProvider"/> timer (so tests drive it with a fake clock)
/// and once more at the end. Reports never overlap.
/// </summary>
internal sealed class ProgressReporter : IDisposable
{
    private readonly Lock _gate = new();
    private readonly IProgress<PipelineProgress>? _progress;
    private readonly Func<PipelineCounters, (StageLoad Dedupe, StageLoad Search, StageLoad Verify, StageLoad PostProcess, StageLoad Persist)> _stages;
    private readonly PipelineCounters _counters;
    private readonly TokenLedger? _ledger;
    private readonly TimeProvider _time;
    private readonly long _start;
    private readonly ITimer? _timer;
    private long _lastTimestamp;
    private long _lastRows;
    private long _lastFinished;
    private bool _final;

    public ProgressReporter(
        IProgress<PipelineProgress>? progress,
        PipelineCounters counters,
        Func<PipelineCounters, (StageLoad, StageLoad, StageLoad, StageLoad, StageLoad)> stages,
        TokenLedger? ledger,
        TimeProvider time,
        TimeSpan interval)
    {
        _progress = progress;
        _counters = counters;
        _stages = stages;
        _ledger = ledger;
        _time = time;
        _start = _lastTimestamp = time.GetTimestamp();
        if (progress is not null)
        {
            _timer = time.CreateTimer(static state => ((ProgressReporter)state!).Report(final: false), this, interval, interval);
        }
    }

    public TimeSpan Elapsed => _time.GetElapsedTime(_start);

    public void Report(bool final)
    {
        if (_progress is null)
        {
            return;
        }

        lock (_gate)
        {
            if (_final)
            {
                return;
            }

            _final = final;
            long now = _time.GetTimestamp();
            double sinceLast = _time.GetElapsedTime(_lastTimestamp, now).TotalSeconds;
            TimeSpan elapsed = _time.GetElapsedTime(_start, now);
            long rows = Interlocked.Read(ref _counters.RowsRead);
            long finished = _counters.Finished;
            var (dedupe, search, verify, postProcess, persist) = _stages(_counters);
            TokenUsageSnapshot? tokens = _ledger?.Snapshot();
            var snapshot = new PipelineProgress
            {
                Elapsed = elapsed,
                RowsRead = rows,
                Succeeded = Interlocked.Read(ref _counters.Succeeded),
                Unverified = Interlocked.Read(ref _counters.Unverified),
                Failed = Interlocked.Read(ref _counters.Failed),
                Rejected = Interlocked.Read(ref _counters.Rejected),
                Duplicates = Interlocked.Read(ref _counters.InputDuplicates) + Interlocked.Read(ref _counters.AlreadyProcessed),
                Abandoned = Interlocked.Read(ref _counters.Abandoned),
                InFlight = Interlocked.Read(ref _counters.InFlight),
                Dedupe = dedupe,
                Search = search,
                Verify = verify,
                PostProcess = postProcess,
                Persist = persist,
                LlmCalls = tokens?.TotalCalls,
                TotalTokens = tokens?.TotalTokens,
                RowsPerSecond = sinceLast > 0 ? (rows - _lastRows) / sinceLast : 0,
                ItemsPerSecond = sinceLast > 0 ? (finished - _lastFinished) / sinceLast : 0,
                AverageItemsPerSecond = elapsed > TimeSpan.Zero ? finished / elapsed.TotalSeconds : 0,
                IsFinal = final,
            };
            _lastTimestamp = now;
            _lastRows = rows;
            _lastFinished = finished;

            // Delivered under the gate: a timer tick's snapshot handed over outside it could reach the caller after
            // the final one, which must be the last report.
            _progress.Report(snapshot);
        }
    }

    public void Dispose() => _timer?.Dispose();
}
