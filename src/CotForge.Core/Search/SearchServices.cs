using CotForge.Core.Scoring;
using CotForge.Core.Strategies;
using CotForge.Core.Verification;
using Microsoft.Extensions.AI;

namespace CotForge.Core.Search;

/// <summary>What a search needs from the outside world: the search model, the verifier, the scorer, the strategies.</summary>
public sealed class SearchServices
{
    /// <summary>The model that writes reasoning steps.</summary>
    public required IChatClient SearchClient { get; init; }

    /// <summary>Options for every search call (model id, temperature, max output tokens); null for the client's defaults.</summary>
    public ChatOptions? SearchOptions { get; init; }

    /// <summary>Judges each new chain's final answer.</summary>
    public required IVerifier Verifier { get; init; }

    /// <summary>Ranks beam-search candidates; required by <see cref="BeamSearch"/>, unused by <see cref="NaiveLinearSearch"/>.</summary>
    public IScorer? Scorer { get; init; }

    /// <summary>The strategies a search may choose from.</summary>
    public required StrategyRegistry Strategies { get; init; }

    /// <summary>Clock for the per-node timings. Default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
