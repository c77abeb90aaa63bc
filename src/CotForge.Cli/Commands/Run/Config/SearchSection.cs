namespace CotForge.Cli.Commands.Run.Config;

/// <summary>The search algorithm and its shape (<c>"search"</c> in the config file).</summary>
internal sealed class SearchSection
{
    /// <summary>naive | beam. Default: naive.</summary>
    public string? Algorithm { get; set; }

    /// <summary>Steps after the first before an item is given up as unverified. Default: 3.</summary>
    public int? MaxDepth { get; set; }

    /// <summary>Beam search: chains kept per depth. Default: 2.</summary>
    public int? BeamWidth { get; set; }

    /// <summary>Beam search: candidates per chain and step. Default: 3.</summary>
    public int? BranchingFactor { get; set; }

    public static SearchSection? Merge(SearchSection? over, SearchSection? under) => over is null ? under : under is null ? over : new()
    {
        Algorithm = over.Algorithm ?? under.Algorithm,
        MaxDepth = over.MaxDepth ?? under.MaxDepth,
        BeamWidth = over.BeamWidth ?? under.BeamWidth,
        BranchingFactor = over.BranchingFactor ?? under.BranchingFactor,
    };
}
