using CotForge.Pipeline;

namespace CotForge.Benchmarks.Measurement;

/// <summary>
/// The steady-state rate of a run: items finished per second between the progress snapshots at 10 % and 90 % of the
/// items, leaving out the start (JIT, opening the directory, filling the pipeline) and the drain at the end, which a
/// whole-run average charges to every item however long the run.
/// </summary>
internal sealed class SteadyRate : IProgress<PipelineProgress>
{
    private readonly List<(TimeSpan Elapsed, long Finished)> _snapshots = [];

    public void Report(PipelineProgress value)
    {
        lock (_snapshots)
        {
            _snapshots.Add((value.Elapsed, value.Finished));
        }
    }

    /// <summary>Items per second from 10 % to 90 % of <paramref name="total"/>; null when too few snapshots fell in between.</summary>
    public double? ItemsPerSecond(long total)
    {
        lock (_snapshots)
        {
            var from = _snapshots.FirstOrDefault(s => s.Finished >= total / 10);
            var to = _snapshots.LastOrDefault(s => s.Finished <= total * 9 / 10);
            return to.Finished > from.Finished && to.Elapsed > from.Elapsed
                ? (to.Finished - from.Finished) / (to.Elapsed - from.Elapsed).TotalSeconds
                : null;
        }
    }
}
