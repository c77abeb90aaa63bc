using CotForge.Benchmarks.EndToEnd;

namespace CotForge.Benchmarks.Measurement;

/// <summary>
/// Naive search end to end at zero latency (the pipeline's own cost) on 10k, 100k and 1M rows: items/s, cost per
/// item, peak working set; then a second run over the same, fully processed input (the resume re-scan).
/// </summary>
internal sealed class PipelineScenario : Scenario
{
    public override string Name => "pipeline";

    public override string Description => "naive search at zero latency on 10k/100k/1M rows: items/s, µs/item, peak working set, resume re-scan rows/s";

    public override async Task RunAsync(MeasureOptions options, string scratch)
    {
        var rows = new List<IReadOnlyList<string>>();
        var medians = new List<(long Size, double PerSecond, double MicrosPerItem, double PeakMb, double ResumePerSecond)>();
        // The largest size runs twice: with the defaults, and with the GC's generation-0 budget capped at 32 MB (the
        // tuning guide's memory setting; .NET sizes it from the L3 cache, ~75 MB on this machine).
        var cases = options.Sizes.Select(size => (Size: size, SmallGen0: false)).Append((Size: options.Sizes.Max(), SmallGen0: true)).ToList();
        var tunedLargest = (PerSecond: double.NaN, PeakMb: double.NaN);
        foreach (var (size, smallGen0) in cases)
        {
            string input = Workload.WriteJsonl(scratch, size);
            var results = smallGen0
                ? await RepeatProbeAsync(options.Repeat, scratch, "pipeline", input, "--resume", ChildProcess.SmallGen0Flag)
                : await RepeatProbeAsync(options.Repeat, scratch, "pipeline", input, "--resume");
            File.Delete(input);
            if (smallGen0)
            {
                tunedLargest = (MedianOf(results, "items_per_second"), MedianOf(results, "peak_working_set_mb"));
            }
            else
            {
                medians.Add((size, MedianOf(results, "items_per_second"), MedianOf(results, "us_per_item"), MedianOf(results, "peak_working_set_mb"), MedianOf(results, "resume_rows_per_second")));
            }

            rows.Add(
            [
                Stats.Number(size) + (smallGen0 ? " (DOTNET_GCgen0size=32 MB)" : string.Empty),
                Stats.Summary(Values(results, "items_per_second")),
                Stats.Summary(Values(results, "us_per_item"), "N1"),
                Stats.Summary(Values(results, "cpu_us_per_item"), "N1"),
                Stats.Summary(results.Where(r => r["steady_items_per_second"] is not null).Select(r => r["steady_items_per_second"]!.GetValue<double>()).ToList()),
                Stats.Summary(Values(results, "peak_working_set_mb")),
                Stats.Summary(Values(results, "peak_heap_mb")),
                Stats.Summary(Values(results, "resume_rows_per_second")),
                Stats.Number(MedianOf(results, "results_mb"), "N0"),
            ]);
        }

        // Other sizes than the default get their own file, so a partial run does not overwrite the full one.
        bool defaultSizes = options.Sizes.SequenceEqual(new MeasureOptions().Sizes);
        var report = new MeasurementReport(defaultSizes ? Name : Name + "-" + string.Join("-", options.Sizes), "Pipeline end to end: naive search, simulated provider at zero latency");
        report.Paragraph("Every role on the simulated provider with no latency, LLM judge, post-processing, fsync per commit group, default parallelism (256 in flight). " +
                         "Each run is a fresh process on a fresh dataset directory; the resume is a second run over the same input in the same process.");
        report.Table(["Rows", "Items/s", "µs/item", "CPU µs/item", "Steady items/s", "Peak working set (MB)", "Peak managed heap (MB)", "Resume re-scan (rows/s)", "results.jsonl (MB)"], rows);
        var smallest = medians.MinBy(m => m.Size);
        var largest = medians.MaxBy(m => m.Size);
        report.Paragraph(
            $"Targets (issue 4), at {Stats.Number(largest.Size)} rows: throughput ≥ 15,000 items/s: {Stats.Number(largest.PerSecond)} — {Stats.Verdict(largest.PerSecond, 15_000)}; " +
            $"peak working set < 300 MB: {Stats.Number(largest.PeakMb)} MB — {Stats.Verdict(largest.PeakMb, 300, higherIsBetter: false)}; " +
            $"resume re-scan ≥ 200,000 rows/s: {Stats.Number(largest.ResumePerSecond)} — {Stats.Verdict(largest.ResumePerSecond, 200_000)}; " +
            $"cost per item flat from {Stats.Number(smallest.Size)} to {Stats.Number(largest.Size)}: {Stats.Number(smallest.MicrosPerItem, "N1")} → {Stats.Number(largest.MicrosPerItem, "N1")} µs/item " +
            $"(×{Stats.Number(largest.MicrosPerItem / smallest.MicrosPerItem, "0.00")}). " +
            $"With DOTNET_GCgen0size=0x2000000 at {Stats.Number(largest.Size)} rows: {Stats.Number(tunedLargest.PerSecond)} items/s — {Stats.Verdict(tunedLargest.PerSecond, 15_000)}; " +
            $"peak working set {Stats.Number(tunedLargest.PeakMb)} MB — {Stats.Verdict(tunedLargest.PeakMb, 300, higherIsBetter: false)}.");
        report.Publish(options);
    }
}
