using CotForge.Llm;
using CotForge.Llm.Simulation;

namespace CotForge.Pipeline.Tests.Integration;

/// <summary>An output-token budget stops a run part-way; a second run with room to spare finishes it without repeats.</summary>
public sealed class BudgetTests
{
    private static readonly LlmRoleSettings Search = new() { Model = "m" };

    private static LlmClientFactory Factory(long? maxOutputTokens) => new(new LlmRuntimeOptions
    {
        Simulation = new SimulationOptions { Seed = 9 },
        Budget = maxOutputTokens is { } max ? new LlmBudget { MaxOutputTokens = max } : null,
    });

    private static CotForgePipeline Pipeline(string baseDirectory, LlmClientFactory llm) =>
        IntegrationRun.Builder(baseDirectory)
            .WithLlm(llm, Search)
            // Few items in flight, so the budget runs out while most rows are still unread or waiting.
            .Configure(o => { o.MaxItemsInFlight = 4; o.DedupeBatchSize = 8; })
            .Build();

    [Fact]
    public async Task BuildBatchAsync_OutputBudgetSpentMidRun_StopsThenLargerBudgetFinishesEveryIdOnce()
    {
        using var dir = new TempDirectory();
        var (questions, answers) = IntegrationRun.Pairs(60);
        List<string> ids = IntegrationRun.Ids(questions, answers);

        // What the whole batch costs, measured on a throwaway directory with the same seeds.
        long fullCost;
        using (var unlimited = Factory(null))
        {
            await Pipeline(Path.Combine(dir.Path, "calibration"), unlimited).BuildBatchAsync(questions, answers);
            fullCost = unlimited.Ledger.Snapshot().TotalOutputTokens;
        }

        string baseDirectory = Path.Combine(dir.Path, "runs");
        RunSummary stopped;
        string resultsAfterStop;
        using (var tight = Factory(fullCost / 3))
        {
            CotForgePipeline pipeline = Pipeline(baseDirectory, tight);
            stopped = await pipeline.BuildBatchAsync(questions, answers);

            Assert.Equal(StopReason.BudgetReached, stopped.StopReason);
            Assert.Contains("max_output_tokens", stopped.BudgetMessage, StringComparison.Ordinal);
            Assert.True(tight.Budget!.IsExhausted);
            Assert.True(stopped.CountsAddUp, $"counts must add up: {stopped}");
            long completed = stopped.Succeeded + stopped.Unverified;
            Assert.InRange(completed, 1, 59);
            Assert.True(stopped.Failed + stopped.Abandoned + (60 - stopped.RowsRead) > 0, "something must be left for the next run");

            // Items caught in flight are failed with the budget as the reason; nothing else failed.
            var errors = IntegrationRun.Lines(pipeline, "errors.jsonl");
            Assert.Equal(stopped.Failed, errors.Count);
            Assert.All(errors, e =>
            {
                Assert.Equal("budget_exceeded", (string)e["kind"]!);
                Assert.False(string.IsNullOrEmpty((string?)e["stage"]));
                Assert.True((int)e["attempts"]! >= 1);
            });

            // Only whole items were committed: one results line and one processed line per completed item.
            List<string> committed = IntegrationRun.ResultIds(pipeline);
            Assert.Equal(completed, committed.Count);
            Assert.Equal(committed.Count, committed.Distinct().Count());
            Assert.Equal(committed.Order(), IntegrationRun.Lines(pipeline, "processed_results.jsonl").Select(l => (string)l["id"]!).Order());
            Assert.All(IntegrationRun.Lines(pipeline, "results.jsonl"), l => Assert.NotEmpty(l["result"]!["node_map"]!.AsObject()));
            resultsAfterStop = File.ReadAllText(Path.Combine(pipeline.Location.DirectoryPath, "results.jsonl"));
            Assert.Equal(stopped.Failed, IntegrationRun.Status(pipeline).FailedItems);
        }

        using (var roomy = Factory(fullCost * 10))
        {
            CotForgePipeline pipeline = Pipeline(baseDirectory, roomy);
            RunSummary resumed = await pipeline.BuildBatchAsync(questions, answers);

            Assert.Equal(StopReason.Completed, resumed.StopReason);
            Assert.True(resumed.CountsAddUp);
            Assert.Equal(stopped.Succeeded + stopped.Unverified, resumed.AlreadyProcessed);
            Assert.Equal(60 - resumed.AlreadyProcessed, resumed.Succeeded + resumed.Unverified);
            Assert.Equal(0, resumed.Failed);

            List<string> all = IntegrationRun.ResultIds(pipeline);
            Assert.Equal(ids.Order(), all.Order());
            // The first run's committed lines are untouched: the resume only appended.
            Assert.StartsWith(resultsAfterStop, File.ReadAllText(Path.Combine(pipeline.Location.DirectoryPath, "results.jsonl")), StringComparison.Ordinal);
            Assert.Equal(0, IntegrationRun.Status(pipeline).FailedItems);
            Assert.Equal(60, IntegrationRun.Status(pipeline).CompletedItems);
        }
    }
}
