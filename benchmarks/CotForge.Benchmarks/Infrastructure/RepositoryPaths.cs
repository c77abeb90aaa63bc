namespace CotForge.Benchmarks.Infrastructure;

/// <summary>Finds the repository's folders, so reports land in benchmarks/results whatever the working directory.</summary>
internal static class RepositoryPaths
{
    /// <summary>The folder holding CotForge.Pipeline.sln, searched upwards from the working directory and then from the binaries; null if none.</summary>
    public static string? Root { get; } = Find(Environment.CurrentDirectory) ?? Find(AppContext.BaseDirectory);

    /// <summary>benchmarks/results in the repository, or null outside a checkout.</summary>
    public static string? Results => Root is null ? null : Path.Combine(Root, "benchmarks", "results");

    /// <summary>Where BenchmarkDotNet's own artifacts (logs, all exporters) go by default: ignored by git.</summary>
    public static string DefaultArtifacts => Root is null
        ? Path.Combine(Environment.CurrentDirectory, "BenchmarkDotNet.Artifacts")
        : Path.Combine(Root, "benchmarks", "BenchmarkDotNet.Artifacts");

    private static string? Find(string start)
    {
        for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "CotForge.Pipeline.sln")))
            {
                return directory.FullName;
            }
        }

        return null;
    }
}
