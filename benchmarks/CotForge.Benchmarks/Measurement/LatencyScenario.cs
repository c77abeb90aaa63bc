using CotForge.Benchmarks.EndToEnd;

namespace CotForge.Benchmarks.Measurement;

/// <summary>
/// Efficiency at 50 ms per call with 1,024 items in flight: measured items/s against the ideal in-flight ÷ (rounds of
/// calls per item × latency), for naive search (the issue's target) and for beam search; and naive search with 128 in
/// flight, where the ideal is well below what the CPU can do, to separate latency hiding from CPU cost.
/// </summary>
internal sealed class LatencyScenario : Scenario
{
    private const int LatencyMs = 50;
    private const int InFlight = 1024;
    private const int FewInFlight = 128;

    public override string Name => "latency";

    public override string Description => "50 ms per call, 1,024 items in flight: items/s against the ideal in-flight ÷ (rounds per item × latency), naive and beam";

    public override async Task RunAsync(MeasureOptions options, string scratch)
    {
        var rows = new List<IReadOnlyList<string>>();
        double naiveEfficiency = double.NaN;
        double naiveSteadyEfficiency = double.NaN;
        double serverSteadyEfficiency = double.NaN;
        // 150 items per slot: long enough that start-up is a small share and the steady state has many snapshots.
        var cases = new[]
        {
            (Search: SearchKind.Naive, InFlight, Items: options.Items ?? 150L * InFlight, ServerGc: false),
            (Search: SearchKind.Naive, InFlight, Items: options.Items ?? 150L * InFlight, ServerGc: true),
            (Search: SearchKind.Naive, InFlight: FewInFlight, Items: options.Items ?? 50L * FewInFlight, ServerGc: false),
            (Search: SearchKind.Beam, InFlight, Items: options.Items ?? 10L * InFlight, ServerGc: false),
        };
        foreach (var (search, inFlight, items, serverGc) in cases)
        {
            string input = Workload.WriteJsonl(scratch, items);
            string[] extra = ["--search", search == SearchKind.Beam ? "beam" : "naive", "--latency", Invariant(LatencyMs), "--inflight", Invariant(inFlight), "--count"];
            var results = await RepeatProbeAsync(options.Repeat, scratch, "pipeline", input, serverGc ? [.. extra, ChildProcess.ServerGcFlag] : extra);
            File.Delete(input);
            List<double> EfficiencyOf(string rate) => results.Where(r => r[rate] is not null).Select(r =>
            {
                double ideal = inFlight / (r["rounds_per_item"]!.GetValue<double>() * LatencyMs / 1000.0);
                return r[rate]!.GetValue<double>() / ideal;
            }).ToList();
            var efficiencies = EfficiencyOf("items_per_second");
            var steadyEfficiencies = EfficiencyOf("steady_items_per_second");
            if (search == SearchKind.Naive && inFlight == InFlight && serverGc && steadyEfficiencies.Count > 0)
            {
                serverSteadyEfficiency = Stats.Median(steadyEfficiencies);
            }

            if (search == SearchKind.Naive && inFlight == InFlight && !serverGc)
            {
                naiveEfficiency = Stats.Median(efficiencies);
                naiveSteadyEfficiency = steadyEfficiencies.Count > 0 ? Stats.Median(steadyEfficiencies) : double.NaN;
            }

            double medianRounds = MedianOf(results, "rounds_per_item");
            rows.Add(
            [
                search + (serverGc ? " (server GC)" : string.Empty),
                Stats.Number(inFlight),
                Stats.Number(items),
                Stats.Summary(Values(results, "items_per_second")),
                Stats.Number(MedianOf(results, "calls_per_item"), "N2"),
                Stats.Number(medianRounds, "N2"),
                Stats.Number(inFlight / (medianRounds * LatencyMs / 1000.0)),
                Stats.Summary(efficiencies.Select(e => e * 100).ToList(), "N1") + " %",
                steadyEfficiencies.Count > 0 ? Stats.Summary(steadyEfficiencies.Select(e => e * 100).ToList(), "N1") + " %" : "—",
                Stats.Number(MedianOf(results, "mean_call_ms"), "N2"),
                Stats.Number(MedianOf(results, "gc_pause_percent"), "N1") + " %",
                Stats.Number(MedianOf(results, "peak_calls_in_flight")),
                Stats.Summary(Values(results, "peak_working_set_mb")),
            ]);
        }

        var report = new MeasurementReport(Name, $"Efficiency at {LatencyMs} ms per call");
        report.Paragraph($"Simulated provider with a fixed {LatencyMs} ms per call; items in flight and every stage's parallelism set to the same value. " +
                         "A round is a set of calls of one item running together (naive: one call; beam: its candidates). " +
                         "Ideal = in flight ÷ (rounds per item × latency); for naive search rounds = calls, which is the issue's in-flight ÷ (calls per item × latency).");
        report.Table(["Search", "In flight", "Items", "Items/s", "Calls/item", "Rounds/item", "Ideal items/s", "Efficiency (whole run)", "Efficiency (steady state)", "Mean call (ms)", "GC pause", "Peak calls in flight", "Peak working set (MB)"], rows);
        report.Paragraph("Whole run = items ÷ the run's wall time, start-up (JIT, opening the directory, filling the pipeline) and the final drain included. " +
                         "Steady state = items finished per second between the progress snapshots (every 100 ms) at 10 % and 90 % of the items. " +
                         $"Mean call = time from a call entering the provider to its reply reaching the pipeline, averaged over calls: {LatencyMs} ms plus the provider's timer lateness, " +
                         "plus whatever kept the reply's continuation from running (collections, a busy thread pool); naive search spends all but a fraction of a millisecond per item inside calls, so efficiency ≈ latency ÷ mean call. " +
                         "GC pause = the share of the run's wall time the runtime spent with threads suspended for collections.");
        report.Paragraph($"Target (issue 4): naive search ≥ 95 % of ideal: {Stats.Number(naiveSteadyEfficiency * 100, "N1")} % in steady state — {Stats.Verdict(naiveSteadyEfficiency, 0.95)}; " +
                         $"{Stats.Number(naiveEfficiency * 100, "N1")} % over the whole run — {Stats.Verdict(naiveEfficiency, 0.95)}; " +
                         $"with the server garbage collector (DOTNET_gcServer=1) {Stats.Number(serverSteadyEfficiency * 100, "N1")} % in steady state — {Stats.Verdict(serverSteadyEfficiency, 0.95)}.");
        report.Publish(options);
    }
}
