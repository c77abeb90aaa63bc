namespace CotForge.Cli.Commands.Run.Config;

/// <summary><c>"parallelism"</c>: how many items each pipeline stage works on at once.</summary>
internal sealed class ParallelismSection
{
    /// <summary>Items in flight at once and the default of every stage. Default: 32.</summary>
    public int? Concurrency { get; set; }

    /// <summary>Concurrent search (generation) steps. Default: <see cref="Concurrency"/>.</summary>
    public int? Search { get; set; }

    /// <summary>Concurrent verifications. Default: <see cref="Concurrency"/>.</summary>
    public int? Verify { get; set; }

    /// <summary>Concurrent post-processing rewrites. Default: <see cref="Concurrency"/>.</summary>
    public int? PostProcess { get; set; }

    public static ParallelismSection? Merge(ParallelismSection? over, ParallelismSection? under) => over is null ? under : under is null ? over : new()
    {
        Concurrency = over.Concurrency ?? under.Concurrency,
        Search = over.Search ?? under.Search,
        Verify = over.Verify ?? under.Verify,
        PostProcess = over.PostProcess ?? under.PostProcess,
    };
}
