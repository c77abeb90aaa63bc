using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using CotForge.Benchmarks.EndToEnd;
using CotForge.Pipeline;

namespace CotForge.Benchmarks.Pipeline;

/// <summary>
/// Naive search with a fixed latency per call and <see cref="InFlight"/> items in flight. The ideal rate is
/// in-flight ÷ (calls per item × latency); the run prints the measured rate and its efficiency against that ideal.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class LatencyEfficiencyBenchmark
{
    private string _root = string.Empty;
    private string _input = string.Empty;

    [Params(50)]
    public int LatencyMs { get; set; }

    [Params(1024)]
    public int InFlight { get; set; }

    [Params(10_240)]
    public int Items { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _root = Workload.NewScratchDirectory("latency");
        _input = Workload.WriteJsonl(_root, Items);
    }

    [Benchmark]
    public async Task<double> NaiveEfficiency()
    {
        var client = new CountingChatClient(Workload.Simulated(TimeSpan.FromMilliseconds(LatencyMs)));
        CotForgePipeline pipeline = Workload.Pipeline(Path.Combine(_root, Guid.NewGuid().ToString("N")[..8]), SearchKind.Naive, client, InFlight);
        TimeSpan cpuStart = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        RunSummary summary = await pipeline.BuildBatchFromFileAsync(_input);
        double seconds = clock.Elapsed.TotalSeconds;
        // With every item busy in a call, the rate falls short of the ideal only when the calls' continuations wait
        // for CPU: CPU per item × ideal rate > cores means the target is CPU-bound, not limited by the graph.
        double cpuPerItem = (Process.GetCurrentProcess().TotalProcessorTime - cpuStart).TotalMicroseconds / Math.Max(1, summary.Finished);
        double callsPerItem = client.Calls / (double)summary.Finished;
        double ideal = InFlight / (callsPerItem * LatencyMs / 1000.0);
        double measured = summary.Finished / seconds;
        Console.WriteLine($"// latency {LatencyMs} ms, in flight {InFlight}: {measured:F0} items/s, {callsPerItem:F2} calls/item, ideal {ideal:F0} items/s, efficiency {measured / ideal:P1}, {cpuPerItem:F0} µs CPU/item (CPU-bound ceiling on {Environment.ProcessorCount} cores: {Environment.ProcessorCount * 1e6 / cpuPerItem:F0} items/s)");
        return measured / ideal;
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_root, recursive: true);
}
