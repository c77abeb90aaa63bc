using CotForge.Core.PostProcessing;
using CotForge.Core.Scoring;
using CotForge.Core.Search;
using CotForge.Core.Strategies;
using CotForge.Core.Verification;
using CotForge.Llm.Simulation;
using CotForge.Pipeline.Dedupe;
using CotForge.Pipeline.Load;
using CotForge.Pipeline.Persist;
using CotForge.Pipeline.PostProcess;
using CotForge.Pipeline.Search;
using CotForge.Pipeline.Verify;
using Microsoft.Extensions.AI;

namespace CotForge.Pipeline.Tests.Graph;

/// <summary>Builds a <see cref="PipelineGraph"/> over the real reasoning core and the simulated provider.</summary>
internal static class GraphHarness
{
    public static SimulatedChatClient Simulated(int seed = 7, double errorRate = 0, TimeSpan? latency = null) =>
        new(new SimulationOptions { Seed = seed, ErrorRate = errorRate, Latency = latency ?? TimeSpan.Zero });

    public static PipelineGraph Create(
        IItemStore store,
        ISearchAlgorithm? algorithm = null,
        IChatClient? client = null,
        PipelineOptions? options = null,
        IProcessedLookup? lookup = null,
        bool postProcess = true,
        IVerifier? verifier = null,
        IProgress<PipelineProgress>? progress = null,
        TimeProvider? time = null)
    {
        client ??= Simulated();
        algorithm ??= new NaiveLinearSearch();
        options ??= new PipelineOptions();
        options.Validate();
        var services = new SearchServices
        {
            SearchClient = client,
            Verifier = verifier ?? new LlmJudgeVerifier(client),
            Scorer = new LlmProbabilityScorer(client),
            Strategies = StrategyRegistry.CreateDefault(),
        };
        time ??= TimeProvider.System;
        return new PipelineGraph(
            new SearchStage(algorithm, services),
            new VerifyStage(),
            new PostProcessStage(postProcess ? new ReasoningPostProcessor(client) : null, onlySuccessful: true, time),
            new PersistStage(store, time),
            new InputDeduplicator(lookup, includeUnverified: true, options.Seed),
            options,
            time,
            progress: progress);
    }

    public static IAsyncEnumerable<LoadedRecord> Rows(IReadOnlyList<string> questions, IReadOnlyList<string> answers) =>
        new MemoryRowReader(questions, answers, new InputOptions()).ReadAsync();

    public static IAsyncEnumerable<LoadedRecord> Rows(int count, int offset = 0) =>
        Rows(
            Enumerable.Range(offset, count).Select(i => $"What is {i} + {i}?").ToList(),
            Enumerable.Range(offset, count).Select(i => (2 * i).ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList());

    public static async Task<GraphResult> RunGuardedAsync(this PipelineGraph graph, IAsyncEnumerable<LoadedRecord> rows, CancellationToken cancellationToken = default, int timeoutSeconds = 30)
    {
        // A deadlock shows up as this timeout instead of a hung test run.
        return await graph.RunAsync(rows, null, cancellationToken).WaitAsync(TimeSpan.FromSeconds(timeoutSeconds));
    }
}
