using BenchmarkDotNet.Attributes;
using CotForge.Benchmarks.EndToEnd;
using CotForge.Pipeline;

namespace CotForge.Benchmarks.Pipeline;

/// <summary>
/// File in, dataset directory out, on the simulated provider at zero latency: load, dedupe, search ⇄ verify,
/// post-process, persist (fsync per group). Measures the pipeline's own overhead per item.
/// </summary>
[MemoryDiagnoser]
public class EndToEndBenchmark : ScratchRunBenchmark
{
    [Params(1_000, 10_000)]
    public int Items { get; set; }

    [Benchmark(Baseline = true)]
    public Task<RunSummary> Naive() =>
        Workload.Pipeline(Output, SearchKind.Naive, Workload.Simulated(TimeSpan.Zero)).BuildBatchFromFileAsync(Input);

    [Benchmark]
    public Task<RunSummary> Beam() =>
        Workload.Pipeline(Output, SearchKind.Beam, Workload.Simulated(TimeSpan.Zero)).BuildBatchFromFileAsync(Input);

    protected override int InputRows => Items;

    protected override string ScratchName => "e2e";
}
