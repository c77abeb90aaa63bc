using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using CotForge.Benchmarks.Infrastructure;
using CotForge.Pipeline;

namespace CotForge.Benchmarks.EndToEnd;

/// <summary>
/// End-to-end throughput when every model call takes <see cref="LatencyMs"/>, for naive and beam search, across the
/// number of items in flight (every stage's parallelism set to the same value). The report shows calls and rounds of
/// calls per item, the ideal rate InFlight ÷ (rounds per item × latency) and the efficiency against it. Each run
/// pushes <see cref="ItemsPerSlot"/> items through every in-flight slot, so filling and draining cost little.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 3)]
[UnitsPerOperation("items", Parameter = nameof(Items))]
public class LatencyBenchmark
{
    /// <summary>Items each in-flight slot processes per run.</summary>
    public const int ItemsPerSlot = 10;

    private string _root = string.Empty;
    private string _input = string.Empty;
    private string _output = string.Empty;

    [Params(SearchKind.Naive, SearchKind.Beam)]
    public SearchKind Search { get; set; }

    /// <summary>Latency of every model call.</summary>
    [Params(50)]
    public int LatencyMs { get; set; }

    /// <summary>Items in flight, and every stage's parallelism.</summary>
    [Params(32, 256)]
    public int InFlight { get; set; }

    /// <summary>Items per run: <see cref="ItemsPerSlot"/> × <see cref="InFlight"/>.</summary>
    public int Items => ItemsPerSlot * InFlight;

    [GlobalSetup]
    public void Setup()
    {
        _root = Workload.NewScratchDirectory("latency");
        _input = Workload.WriteJsonl(_root, Items);
    }

    [IterationSetup]
    public void NewOutput() => _output = Path.Combine(_root, "out-" + Guid.NewGuid().ToString("N")[..8]);

    [IterationCleanup]
    public void DeleteOutput() => Workload.DeleteScratchDirectory(_output);

    [Benchmark]
    public async Task<long> Run()
    {
        var client = new CallCountingChatClient(Workload.Simulated(TimeSpan.FromMilliseconds(LatencyMs)));
        var clock = Stopwatch.StartNew();
        RunSummary summary = await Workload.Pipeline(_output, Search, client, InFlight).BuildBatchFromFileAsync(_input);
        double seconds = clock.Elapsed.TotalSeconds;
        long finished = summary.Finished;
        RunMetrics.Record(
            RunMetrics.Key(nameof(LatencyBenchmark), nameof(Run), [(nameof(Search), Search), (nameof(LatencyMs), LatencyMs), (nameof(InFlight), InFlight)]),
            new Dictionary<string, double>
            {
                ["items"] = finished,
                ["calls_per_item"] = client.Calls / (double)finished,
                ["rounds_per_item"] = client.Rounds / (double)finished,
                ["items_per_second"] = finished / seconds,
            });
        return finished;
    }

    [GlobalCleanup]
    public void Cleanup() => Workload.DeleteScratchDirectory(_root);
}
