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
public class LatencyBenchmark : ScratchRunBenchmark
{
    /// <summary>Items each in-flight slot processes per run.</summary>
    public const int ItemsPerSlot = 10;

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

    [Benchmark]
    public async Task<long> Run()
    {
        var client = new CallCountingChatClient(Workload.Simulated(TimeSpan.FromMilliseconds(LatencyMs)));
        var clock = Stopwatch.StartNew();
        RunSummary summary = await Workload.Pipeline(Output, Search, client, InFlight).BuildBatchFromFileAsync(Input);
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

    protected override int InputRows => Items;

    protected override string ScratchName => "latency";
}
