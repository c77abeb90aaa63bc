using System.Text.Json.Nodes;

namespace CotForge.Core.Search;

/// <summary>
/// One chain, one step at a time: <c>initialize</c> at depth 0, then a randomly chosen (seeded) continuation
/// strategy per step, verifying after every step and stopping at the first verified chain or at
/// <see cref="NaiveLinearSearchOptions.MaxDepth"/>.
/// </summary>
public sealed class NaiveLinearSearch : ISearchAlgorithm
{
    private readonly NaiveLinearSearchOptions _options;

    /// <summary>Creates the algorithm.</summary>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public NaiveLinearSearch(NaiveLinearSearchOptions? o = null)
    {
        _options = o ?? new NaiveLinearSearchOptions();
        _options.Validate();
    }

    /// <inheritdoc />
    public string Name => "naive_linear_search";

    /// <summary>The settings in use.</summary>
    public NaiveLinearSearchOptions Options => _options;

    /// <inheritdoc />
    public SearchSession CreateSession(SearchRequest request, SearchServices services) => new NaiveLinearSearchSession(request, services, _options);

    /// <inheritdoc />
    public JsonObject Describe() => new()
    {
        ["name"] = Name,
        ["max_depth"] = _options.MaxDepth,
        ["parse_retries"] = _options.ParseRetries,
    };
}
