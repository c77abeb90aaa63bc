namespace CotForge.Benchmarks.Measurement;

/// <summary>
/// <c>measure &lt;scenario...&gt;|all|list [--repeat N] [--sizes a,b] [--items N] [--out DIR|-]</c>: the figures
/// BenchmarkDotNet is poor at (million-row runs, peak working set, resume, efficiency at a latency), each repeated,
/// reported as medians against the issues' targets, written to benchmarks/results/measure-&lt;scenario&gt;.md.
/// </summary>
internal static class MeasureCommand
{
    private static readonly Scenario[] All =
    [
        new PipelineScenario(), new LatencyScenario(), new NaiveComparisonScenario(), new CallsScenario(),
        new InFlightMemoryScenario(), new LoadScenario(), new StorageScenario(),
    ];

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length > 0 && args[0] == "probe")
        {
            return await Probes.RunAsync(args[1..]);
        }

        MeasureOptions options;
        try
        {
            options = MeasureOptions.Parse(args);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or OverflowException)
        {
            Console.Error.WriteLine(ex.Message);
            return 2;
        }

        if (options.Scenarios.Count == 0 || options.Scenarios.Contains("list"))
        {
            Console.WriteLine("measure <scenario...>|all [--repeat N] [--sizes 10000,100000,1000000] [--items N] [--out DIR|-]");
            foreach (var scenario in All)
            {
                Console.WriteLine($"  {scenario.Name,-9} {scenario.Description}");
            }

            return options.Scenarios.Count == 0 ? 2 : 0;
        }

        var chosen = options.Scenarios.Contains("all") ? All.ToList() : [];
        foreach (string name in options.Scenarios.Where(n => n != "all"))
        {
            chosen.Add(All.FirstOrDefault(s => s.Name == name) ?? throw new ArgumentException($"Unknown scenario '{name}'; see 'measure list'."));
        }

        Console.WriteLine("// " + MeasurementReport.Machine());
        foreach (var scenario in chosen.Distinct())
        {
            string scratch = EndToEnd.Workload.NewScratchDirectory("measure-" + scenario.Name);
            try
            {
                Console.WriteLine($"// measure {scenario.Name}: {scenario.Description}");
                await scenario.RunAsync(options, scratch);
            }
            finally
            {
                EndToEnd.Workload.DeleteScratchDirectory(scratch);
            }
        }

        return 0;
    }
}
