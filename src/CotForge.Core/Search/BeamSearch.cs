using System.Text.Json.Nodes;

namespace CotForge.Core.Search;

/// <summary>
/// Several chains at once: <c>initialize</c> and verify; then, step by step, every live beam is expanded with
/// <see cref="BeamSearchOptions.BranchingFactor"/> candidate strategies generated concurrently, all candidates
/// are scored, the best are kept (the rest stay in the tree, pruned), and the kept ones are verified. Stops when
/// every beam is final or <see cref="BeamSearchOptions.MaxDepth"/> is spent. Needs <see cref="SearchServices.Scorer"/>.
/// </summary>
public sealed class BeamSearch : ISearchAlgorithm
{
    private readonly BeamSearchOptions _options;

    /// <summary>Creates the algorithm.</summary>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public BeamSearch(BeamSearchOptions? o = null)
    {
        _options = o ?? new BeamSearchOptions();
        _options.Validate();
    }

    /// <inheritdoc />
    public string Name => "beam_search";

    /// <summary>The settings in use.</summary>
    public BeamSearchOptions Options => _options;

    /// <inheritdoc />
    public SearchSession CreateSession(SearchRequest request, SearchServices services) => new BeamSearchSession(request, services, _options);

    /// <inheritdoc />
    public JsonObject Describe() => new()
    {
        ["name"] = Name,
        ["beam_width"] = _options.BeamWidth,
        ["branching_factor"] = _options.BranchingFactor,
        ["max_depth"] = _options.MaxDepth,
        ["parse_retries"] = _options.ParseRetries,
    };
}
