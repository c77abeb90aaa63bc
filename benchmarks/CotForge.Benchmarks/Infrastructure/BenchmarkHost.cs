using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace CotForge.Benchmarks.Infrastructure;

/// <summary>
/// Runs BenchmarkDotNet through <see cref="BenchmarkSwitcher"/> with <see cref="BenchmarkConfig"/>, copies the
/// GitHub markdown reports of a real run into benchmarks/results (where they are committed), and turns failures into
/// a non-zero exit code so CI notices a benchmark that no longer runs.
/// </summary>
internal static class BenchmarkHost
{
    public static int Run(string[] args)
    {
        string? givenArtifacts = OptionValue(args, "--artifacts");
        string artifacts = Path.GetFullPath(givenArtifacts ?? RepositoryPaths.DefaultArtifacts);
        RunMetrics.UseFreshFolder(Path.Combine(artifacts, "metrics"));
        var started = DateTime.UtcNow.AddSeconds(-1);

        string? job = OptionValue(args, "--job") ?? OptionValue(args, "-j");
        bool dry = string.Equals(job, "Dry", StringComparison.OrdinalIgnoreCase);
        var summaries = BenchmarkSwitcher.FromAssembly(typeof(BenchmarkHost).Assembly)
            .Run(args, BenchmarkConfig.Create(artifacts, job is not null, dry))
            .ToList();

        if (givenArtifacts is null && !dry && RepositoryPaths.Results is { } results)
        {
            Publish(summaries, results, started);
        }

        return ExitCode(args, summaries);
    }

    private static void Publish(IEnumerable<Summary> summaries, string results, DateTime started)
    {
        Directory.CreateDirectory(results);
        foreach (Summary summary in summaries)
        {
            foreach (string report in Directory.EnumerateFiles(summary.ResultsDirectoryPath, "*-report-github.md"))
            {
                if (File.GetLastWriteTimeUtc(report) >= started)
                {
                    string target = Path.Combine(results, Path.GetFileName(report));
                    File.Copy(report, target, overwrite: true);
                    Console.WriteLine($"// report: {target}");
                }
            }
        }
    }

    private static int ExitCode(string[] args, List<Summary> summaries)
    {
        bool selecting = args.Any(a => a is "--filter" or "-f" or "--allCategories" or "--anyCategories");
        if (selecting && summaries.Count == 0)
        {
            Console.Error.WriteLine("No benchmark matched the filter (try --list flat).");
            return 2;
        }

        var failed = summaries
            .SelectMany(s => s.Reports.Where(r => !r.Success).Select(r => r.BenchmarkCase.DisplayInfo)
                .Concat(s.HasCriticalValidationErrors ? [s.Title + ": validation errors"] : []))
            .ToList();
        foreach (string name in failed)
        {
            Console.Error.WriteLine("Benchmark failed: " + name);
        }

        return failed.Count == 0 ? 0 : 1;
    }

    private static string? OptionValue(string[] args, string name)
    {
        int index = Array.FindIndex(args, a => string.Equals(a, name, StringComparison.OrdinalIgnoreCase));
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
