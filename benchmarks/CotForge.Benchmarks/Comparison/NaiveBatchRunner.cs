using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using CotForge.Benchmarks.EndToEnd;
using CotForge.Core.Items;
using CotForge.Core.PostProcessing;
using CotForge.Core.Reasoning;
using CotForge.Core.Scoring;
using CotForge.Core.Search;
using CotForge.Core.Strategies;
using CotForge.Core.Verification;
using CotForge.Pipeline.Dedupe;
using CotForge.Pipeline.Items;
using Microsoft.Extensions.AI;

namespace CotForge.Benchmarks.Comparison;

/// <summary>
/// The same end-to-end work as the pipeline — the same searches with the same per-item seeds, the same judge and
/// post-processor on the same client — done the naive way, as cot-forge's batch processing does it: the whole input
/// read into a list, a parallel loop over it, <see cref="NaivePersistence"/> for every finished item, and every
/// result kept in an in-memory list that the run returns.
/// </summary>
internal static class NaiveBatchRunner
{
    public static async Task<(NaiveRunSummary Summary, List<SearchResult> Results)> RunAsync(
        string inputJsonl, string directory, SearchKind kind, IChatClient client, int parallelism, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        var rows = new List<(string Question, string Answer)>();
        foreach (string line in File.ReadAllLines(inputJsonl))
        {
            if (line.Length == 0)
            {
                continue;
            }

            using JsonDocument document = JsonDocument.Parse(line);
            rows.Add((document.RootElement.GetProperty("question").GetString()!, document.RootElement.GetProperty("answer").GetString()!));
        }

        var persistence = new NaivePersistence(directory);
        ISearchAlgorithm search = Workload.Search(kind);
        var services = new SearchServices
        {
            SearchClient = client,
            Verifier = new LlmJudgeVerifier(client),
            Scorer = kind == SearchKind.Beam ? new LlmProbabilityScorer(client) : null,
            Strategies = StrategyRegistry.CreateDefault(),
        };
        var postProcessor = new ReasoningPostProcessor(client);
        var results = new List<SearchResult>();
        long failed = 0, skipped = 0;
        var options = new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(rows, options, async (row, token) =>
        {
            UInt128 key = ItemKey.Compute(row.Question, row.Answer, out string id);
            if (persistence.ShouldSkip(id))
            {
                Interlocked.Increment(ref skipped);
                return;
            }

            using (ItemContext.Enter(new ItemContext(id, row.Question, row.Answer)))
            {
                try
                {
                    SearchSession session = search.CreateSession(new SearchRequest(row.Question, row.Answer, ItemSeed.Derive(0, key)), services);
                    SearchResult result = await session.RunToCompletionAsync(token).ConfigureAwait(false);
                    IReadOnlyList<JsonObject> chains = result.Success
                        ? (await postProcessor.ProcessAsync(result, token).ConfigureAwait(false)).ChainOfThoughtResponses
                        : [];
                    persistence.SaveResult(id, row.Question, row.Answer, result.Success, DateTimeOffset.UtcNow, SearchTreeSerializer.SerializeToUtf8Bytes(result), chains);
                    lock (results)
                    {
                        results.Add(result);
                    }
                }
                catch (ReasoningFailureException)
                {
                    Interlocked.Increment(ref failed);
                }
            }
        }).ConfigureAwait(false);

        var summary = new NaiveRunSummary(rows.Count, results.Count, results.Count(r => r.Success), failed, skipped, persistence.MetadataBytesWritten, clock.Elapsed);
        return (summary, results);
    }
}
