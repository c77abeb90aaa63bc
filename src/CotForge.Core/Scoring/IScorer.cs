using System.Text.Json.Nodes;

namespace CotForge.Core.Scoring;

/// <summary>Ranks candidate chains, so beam search can keep the most promising ones.</summary>
public interface IScorer
{
    /// <summary>A short name for config.json.</summary>
    string Name { get; }

    /// <summary>Scores every option; higher is better. Every option id of the request is present in the result.</summary>
    /// <exception cref="Search.ReasoningFailureException">No scores could be obtained (stage <c>score</c>).</exception>
    ValueTask<IReadOnlyDictionary<string, double>> ScoreAsync(ScoringRequest request, CancellationToken cancellationToken = default);

    /// <summary>The scorer and its settings, for config.json (never a secret).</summary>
    JsonObject Describe();
}
