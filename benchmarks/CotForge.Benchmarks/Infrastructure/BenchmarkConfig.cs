using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Filters;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;

namespace CotForge.Benchmarks.Infrastructure;

/// <summary>
/// The configuration every suite shares: allocations (<see cref="MemoryDiagnoser"/>), GitHub-flavoured markdown
/// reports, a rate column, the efficiency columns of the latency benchmarks, and a guard that keeps million-row
/// parameter values out of BenchmarkDotNet runs (they belong to <c>measure</c>, see <see cref="LargeVariable"/>).
/// </summary>
internal static class BenchmarkConfig
{
    /// <summary>Set to 1 to let benchmark cases with a size parameter above <see cref="MaxSize"/> run.</summary>
    public const string LargeVariable = "COTFORGE_BENCH_LARGE";

    /// <summary>The largest size parameter (items, rows, records) a case may have unless <see cref="LargeVariable"/> is 1.</summary>
    public const long MaxSize = 100_000;

    /// <summary>
    /// The job of classes that set none: 3 warm-ups and 8 measured iterations of ~250 ms (BenchmarkDotNet's default
    /// takes 15–100 iterations of 500 ms, about a minute per case on a busy 2-core machine), so the whole suite fits
    /// in about 15 minutes. A <c>--job</c> on the command line replaces it; classes whose operations take seconds set
    /// their own <c>[SimpleJob]</c>, which <see cref="KeepSuiteJob"/> leaves alone.
    /// </summary>
    public static Job SuiteJob { get; } = Job.Default
        .WithWarmupCount(3)
        .WithIterationCount(8)
        .WithIterationTime(Perfolizer.Horology.TimeInterval.FromMilliseconds(250))
        .WithId("Suite");

    /// <summary>
    /// The suite job is added to every class (as a default job BenchmarkDotNet would merge it into a class's own
    /// <c>[SimpleJob]</c>, overriding its iteration counts); this drops it where the class brings its own job.
    /// </summary>
    public static bool KeepSuiteJob(BenchmarkCase benchmarkCase) =>
        !IsSuiteJob(benchmarkCase.Job) || benchmarkCase.Descriptor.Type.GetCustomAttributes(typeof(JobConfigBaseAttribute), inherit: true).Length == 0;

    private static bool IsSuiteJob(Job job) =>
        job.Run.WarmupCount == 3 && job.Run.IterationCount == 8 && job.Run.IterationTime == SuiteJob.Run.IterationTime;

    /// <param name="artifactsPath">Where BenchmarkDotNet writes logs and reports.</param>
    /// <param name="jobGiven">A <c>--job</c> was given on the command line: it replaces <see cref="SuiteJob"/>.</param>
    /// <param name="dry">A dry run (<c>--job Dry</c>): see <see cref="DryRunFilter"/>.</param>
    public static IConfig Create(string artifactsPath, bool jobGiven, bool dry)
    {
        bool large = Environment.GetEnvironmentVariable(LargeVariable) == "1";

        // Only without a command-line job, which replaces it.
        var config = ManualConfig.Create(DefaultConfig.Instance);
        if (!jobGiven)
        {
            config.AddJob(SuiteJob);
        }

        return config
            .WithArtifactsPath(artifactsPath)
            .AddDiagnoser(MemoryDiagnoser.Default)
            .AddExporter(MarkdownExporter.GitHub)
            .AddColumn(new PerSecondColumn())
            .AddColumn(new MetricColumn("Calls/item", "calls_per_item", "F2", "Model calls per finished item (simulated provider)"))
            .AddColumn(new MetricColumn("Rounds/item", "rounds_per_item", "F2", "Rounds of concurrent calls per item: what latency multiplies"))
            .AddColumn(new EfficiencyColumn(ideal: true))
            .AddColumn(new EfficiencyColumn(ideal: false))
            .AddFilter(new SimpleFilter(c => (large || !IsLarge(c)) && (!dry || DryRunFilter.Keep(c)) && (jobGiven || KeepSuiteJob(c))));
    }

    /// <summary>True when a size parameter of <paramref name="benchmarkCase"/> is above <see cref="MaxSize"/>.</summary>
    public static bool IsLarge(BenchmarkCase benchmarkCase) =>
        benchmarkCase.Parameters.Items.Any(p =>
            p.Value is int or long
            && Convert.ToInt64(p.Value, CultureInfo.InvariantCulture) > MaxSize
            && (p.Name.Contains("Item", StringComparison.OrdinalIgnoreCase)
                || p.Name.Contains("Row", StringComparison.OrdinalIgnoreCase)
                || p.Name.Contains("Record", StringComparison.OrdinalIgnoreCase)
                || p.Name.Contains("Size", StringComparison.OrdinalIgnoreCase)
                || p.Name.Contains("Count", StringComparison.OrdinalIgnoreCase)));
}
