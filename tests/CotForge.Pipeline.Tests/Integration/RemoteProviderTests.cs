using System.Text.Json.Nodes;
using CotForge.Llm;
using CotForge.Pipeline.Load;
using CotForge.TestUtilities.FakeLlm;

namespace CotForge.Pipeline.Tests.Integration;

/// <summary>
/// The real providers (OpenAI chat completions, Anthropic messages) over real HTTP to <see cref="FakeLlmServer"/> on
/// 127.0.0.1, with a fifth of the requests failing transiently, driven by the pipeline over a GSM8K slice.
/// </summary>
public sealed class RemoteProviderTests
{
    private const int Rows = 20;

    [Theory]
    [InlineData(LlmProviders.OpenAI)]
    [InlineData(LlmProviders.Anthropic)]
    public async Task BuildBatchFromFileAsync_TransientFaultsOnRealHttp_EveryRowAccountedAndTheKeyInNoFile(string provider)
    {
        using var dir = new TempDirectory();
        string key = "sk-integ-" + Guid.NewGuid().ToString("N");
        string variable = provider == LlmProviders.OpenAI ? "OPENAI_API_KEY" : "ANTHROPIC_API_KEY";
        await using FakeLlmServer server = await FakeLlmServer.StartAsync(seed: 4);
        server.ExpectedApiKey = key;
        server.FaultRate = 0.2;
        server.RandomFaults =
        [
            FakeLlmFault.RateLimited, FakeLlmFault.RateLimitedWithoutRetryAfter, FakeLlmFault.ServerError,
            FakeLlmFault.ServiceUnavailable, FakeLlmFault.MalformedBody, FakeLlmFault.TruncatedBody,
        ];
        string input = TestData.Path("gsm8k_test_first40.jsonl");
        foreach (var (question, truth) in Gsm8k(input).Take(Rows))
        {
            server.GroundTruths[question] = truth;
        }

        using var llm = new LlmClientFactory(new LlmRuntimeOptions
        {
            // The key comes from the "environment" without touching the process environment.
            GetEnvironmentVariable = name => name == variable ? key : null,
        });
        var settings = new LlmRoleSettings
        {
            Provider = provider,
            Model = "fake-model",
            BaseUrl = provider == LlmProviders.OpenAI ? server.OpenAIBaseUrl : server.AnthropicBaseUrl,
            // The server's Retry-After of 1 s is capped by MaxRetryDelay, so retries stay fast.
            RetryBaseDelay = TimeSpan.FromMilliseconds(2),
            MaxRetryDelay = TimeSpan.FromMilliseconds(20),
            Timeout = TimeSpan.FromSeconds(10),
        };
        CotForgePipeline pipeline = IntegrationRun.Builder(dir.Path).WithLlm(llm, settings).Build();

        RunSummary summary = await pipeline.BuildBatchFromFileAsync(input, new InputOptions { AnswerPattern = "gsm8k", Limit = Rows });

        Assert.Equal(StopReason.Completed, summary.StopReason);
        Assert.True(summary.CountsAddUp, $"counts must add up: {summary}");
        Assert.Equal(Rows, summary.RowsRead);
        Assert.Equal(Rows, summary.Succeeded + summary.Unverified + summary.Failed);
        // Six retries per call make a lost row a one-in-a-thousand event per run, not a 20 % one.
        Assert.True(summary.Succeeded + summary.Unverified >= Rows - 1, $"retries should carry nearly every row: {summary}");
        Assert.True(summary.Succeeded > 0, "the oracle-backed server verifies some chains");
        var completed = IntegrationRun.ResultIds(pipeline);
        var failed = IntegrationRun.Lines(pipeline, "errors.jsonl").Select(e => (string)e["id"]!).ToList();
        Assert.Equal(Rows, completed.Concat(failed).Distinct().Count());

        IReadOnlyList<FakeLlmRequest> requests = server.Requests;
        Assert.Contains(requests, r => r.Fault != FakeLlmFault.None);
        Assert.All(requests, r =>
        {
            Assert.Equal(provider, r.Wire);
            Assert.Equal("fake-model", r.Model);
            Assert.Equal(key, r.ApiKey);
            Assert.NotEqual(FakeLlmFault.Unauthorized, r.Fault);
        });

        TokenUsageEntry search = summary.Tokens!.Entries.Single(e => e.Role == LlmRoles.Search);
        Assert.True(search.Calls > 0 && search.InputTokens > 0 && search.OutputTokens > 0);
        Assert.False(search.Estimated, "the server reports usage on every reply");
        // Failed attempts cost nothing: the ledger counts successful calls, the server saw them plus the faulted ones.
        Assert.True(summary.Tokens.TotalCalls <= requests.Count(r => r.Fault == FakeLlmFault.None));

        JsonObject config = IntegrationRun.ReadJson(pipeline, "config.json");
        Assert.Equal(variable, (string)config["llm"]!["search"]!["api_key_variable"]!);
        Assert.Equal(provider, (string)config["llm"]!["search"]!["provider"]!);
        Assert.Empty(IntegrationRun.FilesContaining(dir.Path, key));
        Assert.Empty(IntegrationRun.FilesContaining(dir.Path, key[..12]));
    }

    private static IEnumerable<(string Question, string Truth)> Gsm8k(string path) =>
        File.ReadLines(path)
            .Where(l => l.Length > 0)
            .Select(l => JsonNode.Parse(l)!)
            .Select(n => ((string)n["question"]!, ((string)n["answer"]!).Split("####")[^1].Trim()));
}
