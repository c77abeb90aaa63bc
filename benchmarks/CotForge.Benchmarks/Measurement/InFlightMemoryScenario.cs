using CotForge.Benchmarks.EndToEnd;

namespace CotForge.Benchmarks.Measurement;

/// <summary>
/// Memory per in-flight item: peak managed heap and working set with 256 and with 4,096 items in flight (200 ms per
/// call keeps them all waiting at once); the difference divided by the difference in items.
/// </summary>
internal sealed class InFlightMemoryScenario : Scenario
{
    private const int Low = 256;
    private const int High = 4096;

    public override string Name => "memory";

    public override string Description => "memory per in-flight item: peak heap and working set at 256 vs 4,096 in flight, naive and beam";

    public override async Task RunAsync(MeasureOptions options, string scratch)
    {
        var rows = new List<IReadOnlyList<string>>();
        foreach (SearchKind search in Enum.GetValues<SearchKind>())
        {
            var peaks = new Dictionary<int, (double Heap, double WorkingSet)>();
            foreach (int inFlight in new[] { Low, High })
            {
                string input = Workload.WriteJsonl(scratch, 2L * inFlight);
                var results = await RepeatProbeAsync(options.Repeat, scratch, "pipeline", input,
                    "--search", search == SearchKind.Beam ? "beam" : "naive", "--latency", "200", "--inflight", Invariant(inFlight), "--count");
                File.Delete(input);
                peaks[inFlight] = (MedianOf(results, "peak_heap_mb"), MedianOf(results, "peak_working_set_mb"));
            }

            double heapPerItemKb = (peaks[High].Heap - peaks[Low].Heap) * 1024 / (High - Low);
            double workingSetPerItemKb = (peaks[High].WorkingSet - peaks[Low].WorkingSet) * 1024 / (High - Low);
            rows.Add(
            [
                search.ToString(),
                Stats.Number(peaks[Low].Heap) + " / " + Stats.Number(peaks[High].Heap),
                Stats.Number(peaks[Low].WorkingSet) + " / " + Stats.Number(peaks[High].WorkingSet),
                Stats.Number(heapPerItemKb, "N1"),
                Stats.Number(workingSetPerItemKb, "N1"),
            ]);
        }

        var report = new MeasurementReport(Name, "Memory per in-flight item");
        report.Paragraph($"Peak managed heap (sampled every 50 ms) and peak working set with {Low:N0} and {High:N0} items in flight, every stage's parallelism equal, 200 ms per call, 2 × in-flight items per run. Per item = difference ÷ {High - Low:N0}.");
        report.Table(["Search", $"Peak heap MB ({Low} / {High})", $"Peak working set MB ({Low} / {High})", "Heap KB per in-flight item", "Working set KB per in-flight item"], rows);
        report.Publish(options);
    }
}
