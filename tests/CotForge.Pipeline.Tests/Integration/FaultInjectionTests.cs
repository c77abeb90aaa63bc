using CotForge.Llm;
using CotForge.Llm.Simulation;
using Xunit.Abstractions;

namespace CotForge.Pipeline.Tests.Integration;

/// <summary>
/// Faults injected by the simulated provider (429 with Retry-After, 500/503, timeouts, malformed, truncated and empty
/// replies) pass through the real middleware stack: retries absorb most, the rest become recorded item failures, and a
/// later run retries exactly those.
/// </summary>
public sealed class FaultInjectionTests(ITestOutputHelper output)
{
    private const int Rows = 200;

    // Retries fast enough for a unit-test run; a timeout fault hangs longer than the per-call timeout so that the
    // timeout middleware (not the fault itself) ends it.
    private static readonly LlmRoleSettings Search = new()
    {
        Model = "m",
        MaxRetries = 2,
        RetryBaseDelay = TimeSpan.FromMilliseconds(1),
        MaxRetryDelay = TimeSpan.FromMilliseconds(5),
        Timeout = TimeSpan.FromMilliseconds(100),
    };

    private static LlmClientFactory Factory(double errorRate) => new(new LlmRuntimeOptions
    {
        Simulation = new SimulationOptions
        {
            Seed = 21,
            ErrorRate = errorRate,
            RetryAfter = TimeSpan.FromMilliseconds(2),
            TimeoutFaultDelay = TimeSpan.FromMilliseconds(400),
        },
    });

    [Fact]
    public async Task BuildBatchAsync_TwentyPercentFaultsWithRetries_EveryRowAccountedAndFailuresRetriedNextRun()
    {
        using var dir = new TempDirectory();
        var (questions, answers) = IntegrationRun.Pairs(Rows);
        List<string> ids = IntegrationRun.Ids(questions, answers);

        RunSummary first;
        List<System.Text.Json.Nodes.JsonObject> errors;
        using (var faulty = Factory(0.2))
        {
            CotForgePipeline pipeline = IntegrationRun.Builder(dir.Path).WithLlm(faulty, Search).Build();
            first = await pipeline.BuildBatchAsync(questions, answers);

            output.WriteLine($"first run: {first}");
            Assert.Equal(StopReason.Completed, first.StopReason);
            Assert.True(first.CountsAddUp, $"counts must add up: {first}");
            Assert.Equal(Rows, first.Succeeded + first.Unverified + first.Failed);
            // Without retries about two items in three would meet a fault; with two retries per call most finish.
            Assert.True(first.Succeeded + first.Unverified >= Rows * 9 / 10, $"most rows should finish: {first}");
            Assert.True(first.Failed > 0, "with 20 % faults and only two retries some items must still fail");

            errors = IntegrationRun.Lines(pipeline, "errors.jsonl");
            Assert.Equal(first.Failed, errors.Count);
            Assert.All(errors, e =>
            {
                Assert.Contains((string)e["stage"]!, new[] { "search", "verify", "post_process" });
                Assert.False(string.IsNullOrEmpty((string?)e["kind"]));
                Assert.False(string.IsNullOrEmpty((string?)e["message"]));
                Assert.True((int)e["attempts"]! >= 1);
            });
            // A provider failure surfaces only after the retry middleware gave up: 1 attempt + MaxRetries retries.
            // Their kind is the provider's own (rate_limited, server_error, …), not the engine's generic one.
            string[] retriedKinds = ["rate_limited", "server_error", "timeout", "malformed_response", "transport_error"];
            var providerErrors = errors.Where(e => retriedKinds.Contains((string)e["kind"]!)).ToList();
            Assert.NotEmpty(providerErrors);
            Assert.All(providerErrors, e => Assert.Equal(Search.MaxRetries + 1, (int)e["attempts"]!));

            // Failed and completed ids are disjoint, and together they are every row.
            List<string> completed = IntegrationRun.ResultIds(pipeline);
            List<string> failedIds = errors.Select(e => (string)e["id"]!).ToList();
            Assert.Empty(completed.Intersect(failedIds));
            Assert.Equal(ids.Order(), completed.Concat(failedIds).Order());
            Assert.Equal(first.Failed, IntegrationRun.Status(pipeline).FailedItems);
        }

        // The endpoint recovered: the next run takes only the failed items, and finishes them.
        using (var healthy = Factory(0))
        {
            CotForgePipeline pipeline = IntegrationRun.Builder(dir.Path).WithLlm(healthy, Search).Build();
            RunSummary second = await pipeline.BuildBatchAsync(questions, answers);

            output.WriteLine($"second run: {second}");
            Assert.True(second.CountsAddUp);
            Assert.Equal(Rows - first.Failed, second.AlreadyProcessed);
            Assert.Equal(first.Failed, second.Succeeded + second.Unverified);
            Assert.Equal(0, second.Failed);
            List<string> all = IntegrationRun.ResultIds(pipeline);
            Assert.Equal(ids.Order(), all.Order());
            Assert.Equal(0, IntegrationRun.Status(pipeline).FailedItems);
        }
    }
}
