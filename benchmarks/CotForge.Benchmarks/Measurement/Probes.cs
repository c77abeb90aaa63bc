using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using CotForge.Benchmarks.Comparison;
using CotForge.Benchmarks.EndToEnd;
using CotForge.Core.Prompts;
using CotForge.Pipeline;
using Microsoft.Extensions.AI;

namespace CotForge.Benchmarks.Measurement;

/// <summary>
/// One measurement in this process, started by <see cref="ChildProcess"/>: <c>measure probe pipeline|naive
/// --input FILE --work DIR [--search naive|beam] [--latency MS] [--inflight N] [--count] [--resume]</c>.
/// </summary>
internal static class Probes
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        var named = new Dictionary<string, string>(StringComparer.Ordinal);
        var flags = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 1; i < args.Count; i++)
        {
            if (args[i] is "--count" or "--resume")
            {
                flags.Add(args[i]);
            }
            else
            {
                named[args[i]] = args[++i];
            }
        }

        string input = named["--input"];
        string work = named["--work"];
        SearchKind search = named.GetValueOrDefault("--search", "naive") == "beam" ? SearchKind.Beam : SearchKind.Naive;
        var latency = TimeSpan.FromMilliseconds(double.Parse(named.GetValueOrDefault("--latency", "0"), CultureInfo.InvariantCulture));
        int inFlight = int.Parse(named.GetValueOrDefault("--inflight", "0"), CultureInfo.InvariantCulture);
        JsonObject result = args[0] switch
        {
            "pipeline" => await PipelineAsync(input, work, search, latency, inFlight, flags.Contains("--count"), flags.Contains("--resume")),
            "naive" => await NaiveAsync(input, work, search, latency, inFlight == 0 ? 256 : inFlight),
            _ => throw new ArgumentException($"Unknown probe '{args[0]}'."),
        };
        Console.WriteLine(ChildProcess.ResultPrefix + result.ToJsonString());
        return 0;
    }

    private static async Task<JsonObject> PipelineAsync(string input, string work, SearchKind search, TimeSpan latency, int inFlight, bool count, bool resume)
    {
        IChatClient simulated = Workload.Simulated(latency);
        CallCountingChatClient? counter = count ? new CallCountingChatClient(simulated) : null;
        CotForgePipeline pipeline = Workload.Pipeline(work, search, counter ?? simulated, inFlight > 0 ? inFlight : null, progressInterval: TimeSpan.FromMilliseconds(100));
        var snapshots = new SteadyRate();
        using var heap = new HeapSampler();
        using var allocations = AllocationListener.FromEnvironment();
        long allocatedBefore = GC.GetTotalAllocatedBytes(precise: false);
        var gcBefore = (Gen0: GC.CollectionCount(0), Gen1: GC.CollectionCount(1), Gen2: GC.CollectionCount(2));
        TimeSpan cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        RunSummary run = await pipeline.BuildBatchFromFileAsync(input, progress: snapshots);
        double seconds = clock.Elapsed.TotalSeconds;
        double cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
        long allocated = GC.GetTotalAllocatedBytes(precise: false) - allocatedBefore;
        var resident = MeasurementReport.ResidentSplitMb();
        foreach (string line in allocations?.Top(30) ?? [])
        {
            Console.WriteLine(line);
        }

        if (!run.CountsAddUp || run.Failed > 0 || run.Rejected > 0)
        {
            throw new InvalidOperationException($"The run did not process every row cleanly: {run}");
        }

        var result = new JsonObject
        {
            ["rows_read"] = run.RowsRead,
            ["finished"] = run.Finished,
            ["succeeded"] = run.Succeeded,
            ["unverified"] = run.Unverified,
            ["seconds"] = seconds,
            ["items_per_second"] = run.Finished / seconds,
            ["us_per_item"] = seconds * 1e6 / run.Finished,
            ["steady_items_per_second"] = snapshots.ItemsPerSecond(run.Finished),
            ["cpu_us_per_item"] = cpuSeconds * 1e6 / run.Finished,
            ["allocated_kb_per_item"] = allocated / 1024.0 / run.Finished,
            ["gc_gen0"] = GC.CollectionCount(0) - gcBefore.Gen0,
            ["gc_gen1"] = GC.CollectionCount(1) - gcBefore.Gen1,
            ["gc_gen2"] = GC.CollectionCount(2) - gcBefore.Gen2,
            ["gc_pause_percent"] = GC.GetTotalPauseDuration().TotalSeconds * 100 / seconds,
            ["peak_working_set_mb"] = MeasurementReport.PeakWorkingSetMb(),
            ["peak_heap_mb"] = heap.PeakMb,
            ["gc_heap"] = DescribeHeap(),
            ["rss_anon_mb"] = resident?.AnonMb,
            ["rss_file_mb"] = resident?.FileMb,
            ["results_mb"] = new FileInfo(Path.Combine(pipeline.Location.DirectoryPath, "results.jsonl")).Length / 1e6,
        };
        if (counter is not null)
        {
            result["calls_per_item"] = counter.Calls / (double)run.Finished;
            result["rounds_per_item"] = counter.Rounds / (double)run.Finished;
            result["input_tokens_per_item"] = counter.InputTokens / (double)run.Finished;
            result["output_tokens_per_item"] = counter.OutputTokens / (double)run.Finished;
            result["peak_calls_in_flight"] = counter.PeakInFlight;
            result["mean_call_ms"] = counter.CallTime.TotalMilliseconds / Math.Max(1, counter.Calls);
            result["search_calls_per_item"] = counter.CallsOf(PromptKind.StrategyStep) / (double)run.Finished;
            result["verify_calls_per_item"] = (counter.CallsOf(PromptKind.Verification) + counter.CallsOf(PromptKind.StrictVerification)) / (double)run.Finished;
            result["score_calls_per_item"] = counter.CallsOf(PromptKind.Scoring) / (double)run.Finished;
            result["post_calls_per_item"] = (counter.CallsOf(PromptKind.NaturalReasoning) + counter.CallsOf(PromptKind.FormalAnswer)) / (double)run.Finished;
        }

        if (resume)
        {
            clock.Restart();
            RunSummary again = await pipeline.BuildBatchFromFileAsync(input);
            double resumeSeconds = clock.Elapsed.TotalSeconds;
            if (again.AlreadyProcessed != run.Finished || again.Finished != 0)
            {
                throw new InvalidOperationException($"The resume did not skip every processed row: {again}");
            }

            result["resume_seconds"] = resumeSeconds;
            result["resume_rows_per_second"] = again.RowsRead / resumeSeconds;
            result["peak_working_set_after_resume_mb"] = MeasurementReport.PeakWorkingSetMb();
        }

        return result;
    }

    /// <summary>The managed heap after the last collection: size per generation and fragmentation, in MB.</summary>
    private static JsonObject DescribeHeap()
    {
        GCMemoryInfo info = GC.GetGCMemoryInfo(GCKind.Any);
        var json = new JsonObject
        {
            ["heap_mb"] = info.HeapSizeBytes / 1e6,
            ["fragmented_mb"] = info.FragmentedBytes / 1e6,
            ["committed_mb"] = info.TotalCommittedBytes / 1e6,
            ["promoted_mb"] = info.PromotedBytes / 1e6,
        };
        string[] names = ["gen0", "gen1", "gen2", "loh", "poh"];
        for (int g = 0; g < info.GenerationInfo.Length && g < names.Length; g++)
        {
            json[names[g] + "_after_mb"] = info.GenerationInfo[g].SizeAfterBytes / 1e6;
        }

        return json;
    }

    private static async Task<JsonObject> NaiveAsync(string input, string work, SearchKind search, TimeSpan latency, int parallelism)
    {
        using var heap = new HeapSampler();
        var (summary, results) = await NaiveBatchRunner.RunAsync(input, work, search, Workload.Simulated(latency), parallelism);
        if (summary.Failed > 0 || summary.Completed != summary.RowsRead)
        {
            throw new InvalidOperationException($"The naive run did not process every row: {summary}");
        }

        return new JsonObject
        {
            ["rows_read"] = summary.RowsRead,
            ["finished"] = summary.Completed,
            ["succeeded"] = summary.Succeeded,
            ["results_in_memory"] = results.Count,
            ["seconds"] = summary.Elapsed.TotalSeconds,
            ["items_per_second"] = summary.ItemsPerSecond,
            ["us_per_item"] = summary.Elapsed.TotalSeconds * 1e6 / summary.Completed,
            ["peak_working_set_mb"] = MeasurementReport.PeakWorkingSetMb(),
            ["peak_heap_mb"] = heap.PeakMb,
            ["metadata_mb_written"] = summary.MetadataBytesWritten / 1e6,
        };
    }
}
