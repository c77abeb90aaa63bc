using CotForge.Pipeline;

namespace CotForge.Cli.Display;

/// <summary>
/// Rates and ETA from the stream of progress snapshots. The rate is measured over a sliding window of recent
/// snapshots, so the ETA follows the current speed (after a resume, the already-processed rows fly past at first and
/// would otherwise promise an ETA the run cannot keep).
/// </summary>
internal sealed class ProgressStats(TimeSpan window)
{
    private readonly Queue<(TimeSpan Elapsed, long Done)> _samples = new();

    /// <summary>Estimated rows in the input, when known (set by the background counter).</summary>
    public long? TotalRows { get; set; }

    /// <summary>Rows with an outcome per second over the window.</summary>
    public double RowsDonePerSecond { get; private set; }

    /// <summary>Time left at the current rate, or null when unknown.</summary>
    public TimeSpan? Eta { get; private set; }

    /// <summary>Rows whose outcome is known: finished items, rejected rows and duplicates.</summary>
    public static long Done(PipelineProgress p)
    {
        ArgumentNullException.ThrowIfNull(p);
        return p.Finished + p.Rejected + p.Duplicates + p.Abandoned;
    }

    /// <summary>Succeeded over succeeded + unverified, or null before any item completed.</summary>
    public static double? SuccessRate(PipelineProgress p)
    {
        ArgumentNullException.ThrowIfNull(p);
        long completed = p.Succeeded + p.Unverified;
        return completed == 0 ? null : (double)p.Succeeded / completed;
    }

    public void Add(PipelineProgress progress)
    {
        ArgumentNullException.ThrowIfNull(progress);
        long done = Done(progress);
        _samples.Enqueue((progress.Elapsed, done));
        while (_samples.Count > 2 && progress.Elapsed - _samples.Peek().Elapsed > window)
        {
            _samples.Dequeue();
        }

        var (firstElapsed, firstDone) = _samples.Peek();
        double seconds = (progress.Elapsed - firstElapsed).TotalSeconds;
        RowsDonePerSecond = seconds > 0 ? (done - firstDone) / seconds : 0;
        Eta = TotalRows is { } total && RowsDonePerSecond > 0 && total >= done
            ? TimeSpan.FromSeconds((total - done) / RowsDonePerSecond)
            : null;
    }
}
