namespace CotForge.Benchmarks.EndToEnd;

/// <summary>The two search algorithms with their default settings (naive: depth 3; beam: width 2, branching 3, depth 3).</summary>
public enum SearchKind
{
    /// <summary><see cref="CotForge.Core.Search.NaiveLinearSearch"/> with its defaults.</summary>
    Naive,

    /// <summary><see cref="CotForge.Core.Search.BeamSearch"/> with its defaults.</summary>
    Beam,
}
