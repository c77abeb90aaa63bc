using BenchmarkDotNet.Attributes;
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
        _root = PipelineBenchmarkData.NewDirectory("e2e");
        _input = PipelineBenchmarkData.WriteJsonl(_root, Items);
    }

    [IterationSetup]
    public void NewOutput() => _output = Path.Combine(_root, "out-" + Guid.NewGuid().ToString("N")[..8]);

    [Benchmark(Baseline = true)]
    public Task<RunSummary> Naive() =>
        PipelineBenchmarkData.Pipeline(_output, beam: false, PipelineBenchmarkData.Simulated(TimeSpan.Zero)).BuildBatchFromFileAsync(_input);

    [Benchmark]
    public Task<RunSummary> Beam() =>
        PipelineBenchmarkData.Pipeline(_output, beam: true, PipelineBenchmarkData.Simulated(TimeSpan.Zero)).BuildBatchFromFileAsync(_input);

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_root, recursive: true);
}
