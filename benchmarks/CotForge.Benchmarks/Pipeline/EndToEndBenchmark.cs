using BenchmarkDotNet.Attributes;
using CotForge.Benchmarks.EndToEnd;
using CotForge.Pipeline;

namespace CotForge.Benchmarks.Pipeline;

/// <summary>
/// File in, dataset directory out, on the simulated provider at zero latency: load, dedupe, search ⇄ verify,
/// post-process, persist (fsync per group). Measures the pipeline's own overhead per item.
/// </summary>
[MemoryDiagnoser]
public class EndToEndBenchmark
{
    private string _root = string.Empty;
    private string _input = string.Empty;
    private string _output = string.Empty;

    [Params(1_000, 10_000)]
    public int Items { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _root = Workload.NewScratchDirectory("e2e");
        _input = Workload.WriteJsonl(_root, Items);
    }

    [IterationSetup]
    public void NewOutput() => _output = Path.Combine(_root, "out-" + Guid.NewGuid().ToString("N")[..8]);

    [Benchmark(Baseline = true)]
    public Task<RunSummary> Naive() =>
        Workload.Pipeline(_output, SearchKind.Naive, Workload.Simulated(TimeSpan.Zero)).BuildBatchFromFileAsync(_input);

    [Benchmark]
    public Task<RunSummary> Beam() =>
        Workload.Pipeline(_output, SearchKind.Beam, Workload.Simulated(TimeSpan.Zero)).BuildBatchFromFileAsync(_input);

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_root, recursive: true);
}
