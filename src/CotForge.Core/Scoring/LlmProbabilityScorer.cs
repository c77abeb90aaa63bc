using System.Text.Json.Nodes;
using CotForge.Core.Llm;
using CotForge.Core.Parsing;
using CotForge.Core.Prompts;
using CotForge.Core.Search;
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

    /// <summary>Clock for call timings. Default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <inheritdoc />
    /// <remarks>
    /// Ids are matched exactly, then ignoring case (models like to re-case ids); ids the model invents are ignored
    /// and options it leaves out score 0. A reply that cannot be read is asked again, then the item fails (stage
    /// <c>score</c>, kind <c>unparseable_output</c>).
    /// </remarks>
    public async ValueTask<IReadOnlyDictionary<string, double>> ScoreAsync(ScoringRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var scores = new Dictionary<string, double>(StringComparer.Ordinal);
        if (request.Options.Count == 0)
        {
            return scores;
        }

        string prompt = PromptTemplates.Scoring(request.Question, request.GroundTruth, request.Options);
        var parsed = await ChatCall.AskAsync(
            _client,
            prompt,
            _chatOptions,
            TimeProvider,
            ResponseParser.ParseScoring,
            _parseRetries,
            FailureStages.Score,
            FailureKinds.UnparseableOutput,
            "The scorer's reply",
            cancellationToken).ConfigureAwait(false);
        foreach (var option in request.Options)
        {
            if (parsed.Value.TryGetValue(option.Id, out double score))
            {
                scores[option.Id] = score;
                continue;
            }

            var loose = parsed.Value.FirstOrDefault(p => string.Equals(p.Key.Trim(), option.Id, StringComparison.OrdinalIgnoreCase));
            scores[option.Id] = loose.Key is null ? 0 : loose.Value;
        }

        return scores;
    }

    /// <inheritdoc />
    public JsonObject Describe() => new()
    {
        ["name"] = Name,
        ["parse_retries"] = _parseRetries,
        ["model"] = _chatOptions?.ModelId,
    };
}
