using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using CotForge.Benchmarks.EndToEnd;
using CotForge.Pipeline;

namespace CotForge.Benchmarks.Pipeline;

/// <summary>
/// One-shot measurements for the targets, each in its own process: naive search end to end at zero
/// latency (items/s and per-item cost at each size, peak working set), then a resume over the same, fully
/// processed input (re-scan rows/s). Run: <c>--filter *TargetMeasurements*</c>.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 0, iterationCount: 1, invocationCount: 1)]
public class TargetMeasurements
{
    private string _root = string.Empty;
    private string _input = string.Empty;

    [ParamsSource(nameof(Sizes))]
    public int Items { get; set; }

    /// <summary>10k, 100k and 1M items; <c>COTFORGE_BENCH_ITEMS=10000,50000</c> picks others (for a quick look).</summary>
    public static IEnumerable<int> Sizes() =>
        Environment.GetEnvironmentVariable("COTFORGE_BENCH_ITEMS") is { Length: > 0 } sizes
            ? sizes.Split(',').Select(s => int.Parse(s, System.Globalization.CultureInfo.InvariantCulture))
            : [10_000, 100_000, 1_000_000];

    [GlobalSetup]
    public void Setup()
    {
        _root = Workload.NewScratchDirectory("targets");
        _input = Workload.WriteJsonl(_root, Items);
    }

    [Benchmark]
    public async Task<long> NaiveThenResume()
    {
        CotForgePipeline pipeline = Workload.Pipeline(Path.Combine(_root, "out"), SearchKind.Naive, Workload.Simulated(TimeSpan.Zero));
        // CPU time and allocation per item alongside wall time: on a shared 2-core machine the wall-clock rate moves
        // with the neighbours' load, CPU per item and bytes per item much less.
        TimeSpan cpuStart = Process.GetCurrentProcess().TotalProcessorTime;
        long allocatedStart = GC.GetTotalAllocatedBytes();
        var clock = Stopwatch.StartNew();
        RunSummary run = await pipeline.BuildBatchFromFileAsync(_input);
        double runSeconds = clock.Elapsed.TotalSeconds;
        double cpuPerItem = (Process.GetCurrentProcess().TotalProcessorTime - cpuStart).TotalMicroseconds / Math.Max(1, run.Finished);
        double kbPerItem = (GC.GetTotalAllocatedBytes() - allocatedStart) / 1024.0 / Math.Max(1, run.Finished);
        long peakAfterRun = Process.GetCurrentProcess().PeakWorkingSet64;

        clock.Restart();
        RunSummary resume = await pipeline.BuildBatchFromFileAsync(_input);
        double resumeSeconds = clock.Elapsed.TotalSeconds;

        Console.WriteLine(
            $"// MEASURE items={Items} run: {run.Finished / runSeconds:F0} items/s ({runSeconds * 1e6 / run.Finished:F1} µs/item, "
            + $"{cpuPerItem:F0} µs CPU/item, {kbPerItem:F0} KB allocated/item, "
            + $"succeeded {run.Succeeded}, unverified {run.Unverified}, failed {run.Failed}), peak working set {peakAfterRun / 1048576.0:F0} MB; "
            + $"resume: {resume.RowsRead / resumeSeconds:F0} rows/s ({resume.AlreadyProcessed} already processed)");
        return run.Finished + resume.AlreadyProcessed;
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_root, recursive: true);
}
