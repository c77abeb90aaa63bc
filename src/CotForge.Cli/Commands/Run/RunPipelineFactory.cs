using CotForge.Cli.Infrastructure;
using CotForge.Core.Search;
using CotForge.Core.Verification;
using CotForge.Llm;
using CotForge.Pipeline;

namespace CotForge.Cli.Commands.Run;

/// <summary>Turns a resolved <see cref="RunConfiguration"/> into the LLM clients and the pipeline that run it.</summary>
internal static class RunPipelineFactory
{
    /// <summary>How often the pipeline reports progress; the display keeps the latest and redraws at its own pace.</summary>
    public static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(250);

    public static LlmClientFactory CreateLlm(RunConfiguration c, CliEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(environment);
        LlmBudget? budget = c.MaxInputTokens is null && c.MaxOutputTokens is null && c.MaxTotalTokens is null && c.MaxCost is null
            ? null
            : new LlmBudget { MaxInputTokens = c.MaxInputTokens, MaxOutputTokens = c.MaxOutputTokens, MaxTotalTokens = c.MaxTotalTokens, MaxCost = c.MaxCost };
        var prices = c.Prices.ToDictionary(
            p => p.Key,
            p => new ModelPrice(p.Value.InputPerMillion ?? 0, p.Value.OutputPerMillion ?? 0),
            StringComparer.OrdinalIgnoreCase);
        return new LlmClientFactory(new LlmRuntimeOptions
        {
            Simulation = new()
            {
                Seed = c.Seed,
                Latency = TimeSpan.FromMilliseconds(c.SimLatencyMs),
                LongTailLatency = c.SimLongTailLatency,
                ErrorRate = c.SimErrorRate,
            },
            Budget = budget,
            Prices = prices.Count == 0 ? null : prices,
            GetEnvironmentVariable = environment.GetVariable,
            TimeProvider = environment.TimeProvider,
        });
    }

    public static CotForgePipeline CreatePipeline(RunConfiguration c, LlmClientFactory llm, CliEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(llm);
        ArgumentNullException.ThrowIfNull(environment);
        ISearchAlgorithm search = c.Search == SearchNames.Beam
            ? new BeamSearch(new BeamSearchOptions { MaxDepth = c.MaxDepth, BeamWidth = c.BeamWidth, BranchingFactor = c.BranchingFactor })
            : new NaiveLinearSearch(new NaiveLinearSearchOptions { MaxDepth = c.MaxDepth });
        var builder = new CotForgePipelineBuilder()
            .WithDataset(c.DatasetName, c.BaseDir)
            .WithSearch(search)
            .WithLlm(llm, c.Roles[LlmRoles.Search], c.Roles[LlmRoles.Verifier], c.Roles[LlmRoles.Scorer], c.Roles[LlmRoles.PostProcessing],
                strictJudge: c.Verifier == "strict-llm-judge")
            .WithTimeProvider(environment.TimeProvider)
            .Configure(o =>
            {
                o.MaxItemsInFlight = Math.Max(c.Concurrency, Math.Max(c.SearchParallelism, c.VerifyParallelism));
                o.SearchParallelism = c.SearchParallelism;
                o.VerifyParallelism = c.VerifyParallelism;
                o.PostProcessParallelism = c.PostProcessParallelism;
                o.Seed = c.Seed;
                o.ProgressInterval = ProgressInterval;
            });
        switch (c.Verifier)
        {
            case "exact":
                builder.WithVerifier(new ExactMatchVerifier());
                break;
            case "numeric":
                builder.WithVerifier(new NumericVerifier());
                break;
        }

        return builder.Build();
    }
}
