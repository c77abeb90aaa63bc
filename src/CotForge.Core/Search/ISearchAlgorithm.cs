using System.Text.Json.Nodes;

namespace CotForge.Core.Search;

/// <summary>A search algorithm: a factory of per-item <see cref="SearchSession"/>s plus its own description.</summary>
public interface ISearchAlgorithm
{
    /// <summary>The directory name of the algorithm's results: <c>naive_linear_search</c> or <c>beam_search</c>.</summary>
    string Name { get; }

    /// <summary>Starts the search of one item. Nothing is sent to a model until the session is advanced.</summary>
    /// <exception cref="ArgumentException">The services cannot run this algorithm (e.g. beam search without a scorer).</exception>
    SearchSession CreateSession(SearchRequest request, SearchServices services);

    /// <summary>The algorithm and its settings, for config.json.</summary>
    JsonObject Describe();
}
