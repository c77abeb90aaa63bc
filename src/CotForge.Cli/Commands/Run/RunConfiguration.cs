using CotForge.Cli.Commands.Run.Config;
using CotForge.Llm;

namespace CotForge.Cli.Commands.Run;

/// <summary>
/// Everything <c>run</c> needs, resolved: command-line options over the --config file over the defaults. Built and
/// checked once by <see cref="RunConfigurationBuilder"/>; the pipeline is configured from it and nothing else.
/// </summary>
internal sealed record RunConfiguration
{
    public required string InputPath { get; init; }
    public required string BaseDir { get; init; }
    public required string DatasetName { get; init; }

    /// <summary>naive | beam.</summary>
    public required string Search { get; init; }
    public int MaxDepth { get; init; } = 3;
    public int BeamWidth { get; init; } = 2;
    public int BranchingFactor { get; init; } = 3;

    /// <summary>llm-judge | strict-llm-judge | exact | numeric.</summary>
    public string Verifier { get; init; } = "llm-judge";

    /// <summary>Effective settings per role (search, verifier, scorer, post_processing), provider always set.</summary>
    public required IReadOnlyDictionary<string, LlmRoleSettings> Roles { get; init; }

    /// <summary>Items admitted and not yet recorded, at most.</summary>
    public int Concurrency { get; init; } = RunConfigurationBuilder.DefaultConcurrency;
    public int SearchParallelism { get; init; } = RunConfigurationBuilder.DefaultConcurrency;
    public int VerifyParallelism { get; init; } = RunConfigurationBuilder.DefaultConcurrency;
    public int PostProcessParallelism { get; init; } = RunConfigurationBuilder.DefaultConcurrency;

    public long? MaxInputTokens { get; init; }
    public long? MaxOutputTokens { get; init; }
    public long? MaxTotalTokens { get; init; }
    public decimal? MaxCost { get; init; }
    public IReadOnlyDictionary<string, PriceSection> Prices { get; init; } = new Dictionary<string, PriceSection>();

    /// <summary>Null: use the default and its detected aliases.</summary>
    public string? QuestionField { get; init; }

    /// <summary>Null: use the default and its detected aliases.</summary>
    public string? AnswerField { get; init; }

    /// <summary>Null: detect GSM8K-style answers; otherwise a preset name or a regex.</summary>
    public string? AnswerPattern { get; init; }

    public long? Limit { get; init; }
    public bool Overwrite { get; init; }
    public bool AllowConfigChange { get; init; }
    public bool RetryUnverified { get; init; }
    public int Seed { get; init; } = 42;
    public int SimLatencyMs { get; init; } = RunConfigurationBuilder.DefaultSimLatencyMs;
    public double SimErrorRate { get; init; }
    public bool SimLongTailLatency { get; init; }

    /// <summary>True when any role uses the offline simulated provider (announced on the console).</summary>
    public bool UsesSimulation => Roles.Values.Any(r => r.Provider == LlmProviders.Simulated);

    /// <summary>Things worth telling the user that are not errors (e.g. beam options given to a naive search).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
}
