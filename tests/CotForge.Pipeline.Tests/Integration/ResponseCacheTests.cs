using CotForge.Llm;
using CotForge.TestUtilities.FakeLlm;

namespace CotForge.Pipeline.Tests.Integration;

/// <summary>With a response cache, running the same batch again after a reset pays for no call a second time.</summary>
public sealed class ResponseCacheTests
{
    [Fact]
    public async Task BuildBatchAsync_SameRunAfterReset_AnsweredFromTheCacheWithSameOutcomes()
    {
        using var dir = new TempDirectory();
        const string Key = "sk-cache-test-0123456789abcdef";
        await using FakeLlmServer server = await FakeLlmServer.StartAsync(seed: 8);
        var (questions, answers) = IntegrationRun.Pairs(12);
        for (int i = 0; i < questions.Count; i++)
        {
            server.GroundTruths[questions[i]] = answers[i];
        }

        string cachePath = Path.Combine(dir.Path, "cache", "responses.sqlite");
        string baseDirectory = Path.Combine(dir.Path, "data");
        var settings = new LlmRoleSettings { Provider = LlmProviders.OpenAI, Model = "fake-model", BaseUrl = server.OpenAIBaseUrl };

        // Each run gets its own factory, as a new process would; only the cache file carries over.
        LlmClientFactory NewFactory() => new(new LlmRuntimeOptions { CachePath = cachePath, GetEnvironmentVariable = _ => Key });

        Dictionary<string, bool> firstOutcomes;
        TokenUsageSnapshot firstTokens;
        int firstRequests;
        using (LlmClientFactory llm = NewFactory())
        {
            CotForgePipeline pipeline = IntegrationRun.Builder(baseDirectory).WithLlm(llm, settings).Build();
            RunSummary first = await pipeline.BuildBatchAsync(questions, answers);
            Assert.Equal(12, first.Succeeded + first.Unverified);
            firstOutcomes = IntegrationRun.Outcomes(pipeline);
            firstTokens = llm.Ledger.Snapshot();
            firstRequests = server.Requests.Count;
            Assert.True(firstRequests > 0);
            Assert.Equal(firstRequests, firstTokens.TotalCalls);
            // Every reply was stored (a repeated request within the run is already a hit, and stores nothing new).
            Assert.InRange(llm.Cache!.Count(), 1, firstTokens.TotalCalls);
        }

        using (LlmClientFactory llm = NewFactory())
        {
            CotForgePipeline pipeline = IntegrationRun.Builder(baseDirectory).WithLlm(llm, settings).Build();
            RunSummary second = await pipeline.BuildBatchAsync(questions, answers, new BatchOptions { Overwrite = true });

            Assert.Equal(0, second.AlreadyProcessed);
            Assert.Equal(12, second.Succeeded + second.Unverified);
            Assert.Equal(firstRequests, server.Requests.Count);
            TokenUsageSnapshot tokens = llm.Ledger.Snapshot();
            Assert.Equal(0, tokens.TotalCalls);
            Assert.Equal(0, tokens.TotalTokens);
            Assert.Equal(firstTokens.TotalCalls + firstTokens.TotalCacheHits, tokens.TotalCacheHits);
            Assert.Equal(firstOutcomes, IntegrationRun.Outcomes(pipeline));
        }

        // The cache stores replies against a hash: neither the key nor a header reaches it.
        Assert.Empty(IntegrationRun.FilesContaining(dir.Path, Key));
    }
}
