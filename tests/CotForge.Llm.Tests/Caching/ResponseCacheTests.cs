using CotForge.Core.Items;
using CotForge.Llm.Simulation;
using CotForge.TestUtilities.FakeLlm;
using CotForge.TestUtilities.Prompts;
using Microsoft.Extensions.AI;

namespace CotForge.Llm.Tests.Caching;

public sealed class ResponseCacheTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("cotforge-cache-").FullName;
    private readonly ScriptedChatClient _inner = new();

    private string CachePath => Path.Combine(_directory, "nested", "cache.sqlite");

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private IChatClient Build(ResponseCache cache, TokenLedger? ledger = null) =>
        new ChatClientBuilder(_inner).UseResponseCache(cache, "openai", "gpt-x", ledger, "search").Build();

    private void ReplyWith(string text, ChatFinishReason? finish = null) =>
        _inner.Responder = (_, _) => Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, text)) { FinishReason = finish ?? ChatFinishReason.Stop, ModelId = "gpt-x-2025", Usage = new UsageDetails { InputTokenCount = 50, OutputTokenCount = 20 } });

    [Fact]
    public async Task GetResponseAsync_SameRequestTwice_SecondIsServedFromCacheWithoutTokens()
    {
        using var cache = new ResponseCache(CachePath);
        var ledger = new TokenLedger();
        ReplyWith("""{"CoT": [{"action": "Final Conclusion", "content": "72"}]}""");
        using var client = Build(cache, ledger);
        string prompt = SamplePrompts.StrategyStep("How many?");

        var first = await client.GetResponseAsync(prompt, new ChatOptions { Temperature = 0.2f });
        var second = await client.GetResponseAsync(prompt, new ChatOptions { Temperature = 0.2f });

        Assert.Equal(1, _inner.CallCount);
        Assert.Equal(first.Text, second.Text);
        Assert.Equal("gpt-x-2025", second.ModelId);
        Assert.Null(second.Usage);
        Assert.True((bool)second.AdditionalProperties![ResponseCache.CacheHitProperty]!);
        Assert.Equal(1, ledger.Snapshot().TotalCacheHits);
        Assert.Equal(1, cache.Count());
    }

    [Fact]
    public async Task GetResponseAsync_AfterReopeningTheFile_StillHits()
    {
        ReplyWith("plain formal answer");
        string prompt = SamplePrompts.FormalAnswer("q", "reasoning");
        using (var cache = new ResponseCache(CachePath))
        using (var client = Build(cache))
        {
            await client.GetResponseAsync(prompt);
        }

        using (var reopened = new ResponseCache(CachePath))
        using (var client = Build(reopened))
        {
            Assert.Equal("plain formal answer", (await client.GetResponseAsync(prompt)).Text);
        }

        Assert.Equal(1, _inner.CallCount);
    }

    [Fact]
    public async Task GetResponseAsync_DifferentOptionsOrMessages_Miss()
    {
        using var cache = new ResponseCache(CachePath);
        ReplyWith("""{"verification": {"result": "yes"}}""");
        using var client = Build(cache);

        await client.GetResponseAsync("a", new ChatOptions { Temperature = 0.1f });
        await client.GetResponseAsync("a", new ChatOptions { Temperature = 0.2f });
        await client.GetResponseAsync("a", new ChatOptions { Temperature = 0.2f, Seed = 3 });
        await client.GetResponseAsync("b", new ChatOptions { Temperature = 0.2f });
        await client.GetResponseAsync([new ChatMessage(ChatRole.System, "a")], new ChatOptions { Temperature = 0.2f });

        Assert.Equal(5, _inner.CallCount);
    }

    [Theory]
    [InlineData("""{"CoT": [{"action": "Final Conclusion" "content": "72"}]}""", "stop")]
    [InlineData("""{"CoT": [{"action": "Final Concl""", "length")]
    [InlineData("""{"CoT": []}""", "length")]
    [InlineData("", "stop")]
    [InlineData("I cannot answer in JSON, sorry.", "stop")]
    public async Task GetResponseAsync_GarbledOrIncompleteReply_IsNotCached(string text, string finish)
    {
        using var cache = new ResponseCache(CachePath);
        ReplyWith(text, new ChatFinishReason(finish));
        using var client = Build(cache);
        string prompt = SamplePrompts.StrategyStep("How many?");

        await client.GetResponseAsync(prompt);
        await client.GetResponseAsync(prompt);

        Assert.Equal(2, _inner.CallCount);
        Assert.Equal(0, cache.Count());
    }

    [Fact]
    public async Task GetResponseAsync_JsonInCodeFenceWithProse_IsCached()
    {
        using var cache = new ResponseCache(CachePath);
        ReplyWith("Here you go:\n```json\n{\"scoring\": {\"n1\": 0.9}}\n```");
        using var client = Build(cache);
        string prompt = SamplePrompts.Scoring("q", "1", [("n1", "1")]);

        await client.GetResponseAsync(prompt);
        await client.GetResponseAsync(prompt);

        Assert.Equal(1, _inner.CallCount);
    }

    [Fact]
    public async Task GetResponseAsync_WithSimulatedProviderAndSameSeed_HitEqualsWhatTheProviderSaid()
    {
        using var cache = new ResponseCache(CachePath);
        using var simulated = new SimulatedChatClient(new SimulationOptions { Seed = 4 });
        using var client = new ChatClientBuilder(simulated).UseResponseCache(cache, "simulated", "default").Build();
        string prompt = SamplePrompts.StrategyStep("What is 6 x 7?");
        using var scope = ItemContext.Enter(new ItemContext("id", "What is 6 x 7?", "42"));

        var first = await client.GetResponseAsync(prompt);
        var second = await client.GetResponseAsync(prompt);

        Assert.Equal(first.Text, second.Text);
        Assert.NotNull(second.AdditionalProperties);
    }

    [Fact]
    public void ComputeKey_SameRequest_IsStableHexAndDependsOnProviderAndModel()
    {
        var messages = new List<ChatMessage> { new(ChatRole.User, "hello") };

        string key = ResponseCache.ComputeKey("openai", "m1", messages, new ChatOptions { MaxOutputTokens = 10 });

        Assert.Equal(key, ResponseCache.ComputeKey("openai", "m1", [new ChatMessage(ChatRole.User, "hello")], new ChatOptions { MaxOutputTokens = 10 }));
        Assert.Matches("^[0-9a-f]{64}$", key);
        Assert.NotEqual(key, ResponseCache.ComputeKey("openai", "m2", messages, new ChatOptions { MaxOutputTokens = 10 }));
        Assert.NotEqual(key, ResponseCache.ComputeKey("anthropic", "m1", messages, new ChatOptions { MaxOutputTokens = 10 }));
        Assert.NotEqual(key, ResponseCache.ComputeKey("openai", "m1", messages, new ChatOptions { MaxOutputTokens = 11 }));
    }

    [Fact]
    public async Task GetResponseAsync_ConcurrentCallsOnOneFile_AllSucceed()
    {
        using var cache = new ResponseCache(CachePath);
        ReplyWith("""{"verification": {"result": "no"}}""");
        using var client = Build(cache);

        await Task.WhenAll(Enumerable.Range(0, 50).Select(i => Task.Run(() => client.GetResponseAsync($"prompt {i % 10}"))));

        Assert.Equal(10, cache.Count());
        Assert.Equal(0, cache.Failures);
    }
}
