using CotForge.Benchmarks.EndToEnd;

namespace CotForge.Benchmarks.Measurement;

/// <summary>What each search costs in model calls, rounds of calls and tokens per item, with default settings.</summary>
internal sealed class CallsScenario : Scenario
{
    public override string Name => "calls";

    public override string Description => "model calls, rounds and tokens per item for naive and beam search (default settings, simulated provider)";

    public override async Task RunAsync(MeasureOptions options, string scratch)
    {
        long items = options.Items ?? 2_000;
        string input = Workload.WriteJsonl(scratch, items);
        var rows = new List<IReadOnlyList<string>>();
        var callsBySearch = new Dictionary<SearchKind, double>();
        foreach (SearchKind search in Enum.GetValues<SearchKind>())
        {
            // A small latency separates the rounds (calls of one item that run together), which zero latency would blur.
            var results = await RepeatProbeAsync(options.Repeat, scratch, "pipeline", input,
                "--search", search == SearchKind.Beam ? "beam" : "naive", "--latency", "5", "--inflight", "256", "--count");
            callsBySearch[search] = MedianOf(results, "calls_per_item");
            rows.Add(
            [
                search.ToString(),
                Stats.Number(MedianOf(results, "calls_per_item"), "N2"),
                Stats.Number(MedianOf(results, "search_calls_per_item"), "N2"),
                Stats.Number(MedianOf(results, "verify_calls_per_item"), "N2"),
                Stats.Number(MedianOf(results, "score_calls_per_item"), "N2"),
                Stats.Number(MedianOf(results, "post_calls_per_item"), "N2"),
                Stats.Number(MedianOf(results, "rounds_per_item"), "N2"),
                Stats.Number(MedianOf(results, "input_tokens_per_item")),
                Stats.Number(MedianOf(results, "output_tokens_per_item")),
                Stats.Number(100.0 * MedianOf(results, "succeeded") / MedianOf(results, "finished"), "N1") + " %",
            ]);
        }

        File.Delete(input);
        var report = new MeasurementReport(Name, "Calls per item: naive vs beam search");
        report.Paragraph($"{items:N0} items, default settings (naive: depth 3; beam: width 2, branching 3, depth 3), LLM judge, LLM scorer (beam), post-processing of verified chains. " +
                         "The simulated provider's default correctness model (50 % right at the first step, +20 % per further step) decides how many steps an item takes; token counts are the simulated provider's estimates.");
        report.Table(["Search", "Calls/item", "search", "verify", "score", "post-process", "Rounds/item", "Input tokens/item", "Output tokens/item", "Verified"], rows);
        report.Paragraph($"Beam search costs ×{Stats.Number(callsBySearch[SearchKind.Beam] / callsBySearch[SearchKind.Naive], "N1")} the calls of naive search per item.");
        report.Publish(options);
    }
}
