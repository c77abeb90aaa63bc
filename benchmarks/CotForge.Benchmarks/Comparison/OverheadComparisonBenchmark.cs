using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using CotForge.Benchmarks.EndToEnd;
using CotForge.Benchmarks.Infrastructure;
using CotForge.Pipeline;

namespace CotForge.Benchmarks.Comparison;

/// <summary>
/// The overhead figure and its point of comparison: the same end-to-end work (naive search, LLM judge, post-processing,
/// persistence) on the simulated provider at zero latency, so only our own cost shows — once through the pipeline
/// (streaming load, batched dedupe, Dataflow stages, single writer with group commit and fsync, SQLite index) and once
/// the naive way (<see cref="NaiveBatchRunner"/>: whole input in memory, metadata.json rewritten with every id after
/// every item, results kept in a list). The naive way is the baseline, so Ratio is ours ÷ naive time.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 3)]
[UnitsPerOperation("items", Parameter = nameof(Items))]
public class OverheadComparisonBenchmark : ScratchRunBenchmark
{
    private const int Parallelism = 256;

    /// <summary>Items per run: the naive way's cost per item grows with the run, ours does not.</summary>
    [Params(1_000, 10_000)]
    public int Items { get; set; }

    /// <summary>The naive way, as cot-forge does it.</summary>
    [Benchmark(Baseline = true)]
    public async Task<long> NaiveWay()
    {
        var (summary, _) = await NaiveBatchRunner.RunAsync(Input, Output, SearchKind.Naive, Workload.Simulated(TimeSpan.Zero), Parallelism);
        return Check(summary.Completed);
    }

    /// <summary>The pipeline with its defaults (256 items in flight, fsync per commit group).</summary>
    [Benchmark]
    public async Task<long> Pipeline()
    {
        RunSummary summary = await Workload.Pipeline(Output, SearchKind.Naive, Workload.Simulated(TimeSpan.Zero)).BuildBatchFromFileAsync(Input);
        return Check(summary.Succeeded + summary.Unverified);
    }

    private long Check(long completed) =>
        completed == Items ? completed : throw new InvalidOperationException($"Expected {Items} completed items, got {completed}.");

    protected override int InputRows => Items;

    protected override string ScratchName => "overhead";
}
