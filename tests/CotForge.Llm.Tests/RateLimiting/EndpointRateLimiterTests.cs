using CotForge.TestUtilities.FakeLlm;
using CotForge.TestUtilities.Time;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Time.Testing;

namespace CotForge.Llm.Tests.RateLimiting;

public sealed class EndpointRateLimiterTests
{
    private readonly TestClock _time = new();
    private readonly ScriptedChatClient _inner;

    public EndpointRateLimiterTests() => _inner = new ScriptedChatClient(_time);

    private static void AssertAtMostPerWindow(IReadOnlyList<DateTimeOffset> times, int limit, TimeSpan window)
    {
        var sorted = times.OrderBy(t => t).ToList();
        for (int i = 0; i + limit < sorted.Count; i++)
        {
            Assert.True(sorted[i + limit] - sorted[i] >= window, $"calls {i} and {i + limit} are {sorted[i + limit] - sorted[i]} apart; more than {limit} within {window}");
        }
    }

    [Fact]
    public async Task GetResponseAsync_RequestsPerMinute_HoldsOverEveryWindowAndKeepsPace()
    {
        using var limiter = new EndpointRateLimiter(requestsPerMinute: 5, tokensPerMinute: null, _time);
        using var client = new ChatClientBuilder(_inner).UseEndpointRateLimit(limiter).Build();
        var start = _time.GetUtcNow();

        var calls = Enumerable.Range(0, 17).Select(i => client.GetResponseAsync($"call {i}")).ToList();
        await _time.RunAsync(Task.WhenAll(calls), TimeSpan.FromSeconds(1));

        var times = _inner.Calls.Select(c => c.At).ToList();
        Assert.Equal(17, times.Count);
        // One-second segments: a permit comes back between 59 and 60 seconds after it was taken.
        AssertAtMostPerWindow(times, 5, TimeSpan.FromSeconds(59));
        Assert.Equal(5, times.Count(t => t == start));
        Assert.InRange(times.Max() - start, TimeSpan.FromMinutes(3), TimeSpan.FromMinutes(3) + TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task GetResponseAsync_TokensPerMinute_HoldsOverEveryWindow()
    {
        string prompt = new('x', 396); // 100 estimated input tokens with message framing
        using var limiter = new EndpointRateLimiter(requestsPerMinute: null, tokensPerMinute: 300, _time);
        _inner.Responder = (_, _) => Task.FromResult(ScriptedChatClient.Reply("ok", inputTokens: 100, outputTokens: 0));
        using var client = new ChatClientBuilder(_inner).UseEndpointRateLimit(limiter).Build();

        var calls = Enumerable.Range(0, 10).Select(_ => client.GetResponseAsync(prompt)).ToList();
        await _time.RunAsync(Task.WhenAll(calls), TimeSpan.FromSeconds(1));

        AssertAtMostPerWindow(_inner.Calls.Select(c => c.At).ToList(), 3, TimeSpan.FromSeconds(59));
    }

    [Fact]
    public async Task GetResponseAsync_ReplyLongerThanReserved_ChargesTheExcessBeforeReturning()
    {
        using var limiter = new EndpointRateLimiter(requestsPerMinute: null, tokensPerMinute: 1000, _time);
        _inner.Responder = (_, _) => Task.FromResult(ScriptedChatClient.Reply("long", inputTokens: 10, outputTokens: 990));
        using var client = new ChatClientBuilder(_inner).UseEndpointRateLimit(limiter).Build();
        var start = _time.GetUtcNow();

        await client.GetResponseAsync("hi");
        var second = client.GetResponseAsync("hi");
        await TestClock.SettleAsync();
        Assert.Equal(1, _inner.CallCount);
        await _time.RunAsync(second, TimeSpan.FromSeconds(1));

        Assert.InRange(_inner.Calls[1].At - start, TimeSpan.FromSeconds(59), TimeSpan.FromSeconds(61));
    }

    [Fact]
    public async Task GetResponseAsync_TwoClientsOnOneLimiter_ShareTheLimit()
    {
        using var limiter = new EndpointRateLimiter(requestsPerMinute: 4, tokensPerMinute: null, _time);
        using var search = new ChatClientBuilder(_inner).UseEndpointRateLimit(limiter).Build();
        using var verifier = new ChatClientBuilder(_inner).UseEndpointRateLimit(limiter).Build();

        var calls = Enumerable.Range(0, 12).Select(i => (i % 2 == 0 ? search : verifier).GetResponseAsync($"{i}")).ToList();
        await _time.RunAsync(Task.WhenAll(calls), TimeSpan.FromSeconds(1));

        AssertAtMostPerWindow(_inner.Calls.Select(c => c.At).ToList(), 4, TimeSpan.FromSeconds(59));
    }

    [Fact]
    public async Task GetResponseAsync_CancelledWhileWaitingForPermit_ThrowsAndNeverCalls()
    {
        using var limiter = new EndpointRateLimiter(requestsPerMinute: 1, tokensPerMinute: null, _time);
        using var client = new ChatClientBuilder(_inner).UseEndpointRateLimit(limiter).Build();
        await client.GetResponseAsync("first");
        using var cts = new CancellationTokenSource();

        var waiting = client.GetResponseAsync("second", cancellationToken: cts.Token);
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        Assert.Equal(1, _inner.CallCount);
    }

    [Theory]
    [InlineData(0, null)]
    [InlineData(null, -5)]
    public void Constructor_NonPositiveLimit_ThrowsConfigurationError(int? rpm, int? tpm) =>
        Assert.Throws<LlmConfigurationException>(() => new EndpointRateLimiter(rpm, tpm, _time));
}
