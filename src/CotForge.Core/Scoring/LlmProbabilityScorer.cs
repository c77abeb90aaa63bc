using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace CotForge.Core.Scoring;

/// <summary>
/// Asks a model, for every candidate's final answer, how likely it is to be correct given the ground truth
/// (reply <c>{"scoring": {option_id: number}}</c>). Options the model leaves out score 0.
/// </summary>
public sealed class LlmProbabilityScorer : IScorer
{
    private readonly IChatClient _client;
    private readonly ChatOptions? _chatOptions;
    private readonly int _parseRetries;

    /// <summary>Creates the scorer.</summary>
    /// <param name="client">The scoring model.</param>
    /// <param name="options">Options for every scoring call; null for the client's defaults.</param>
    /// <param name="parseRetries">How many times an unparseable reply is asked again. Default 2.</param>
    public LlmProbabilityScorer(IChatClient client, ChatOptions? options = null, int parseRetries = 2)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentOutOfRangeException.ThrowIfNegative(parseRetries);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(parseRetries, 10);
        _client = client;
        _chatOptions = options;
        _parseRetries = parseRetries;
    }

    /// <inheritdoc />
    public string Name => "llm_probability";

    /// <inheritdoc />
    public ValueTask<IReadOnlyDictionary<string, double>> ScoreAsync(ScoringRequest request, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException("Arrives with the scorer commit.");

    /// <inheritdoc />
    public JsonObject Describe() => new()
    {
        ["name"] = Name,
        ["parse_retries"] = _parseRetries,
        ["model"] = _chatOptions?.ModelId,
    };
}
