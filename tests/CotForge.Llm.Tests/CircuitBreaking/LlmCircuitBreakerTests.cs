using CotForge.TestUtilities.FakeLlm;
using CotForge.TestUtilities.Time;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Time.Testing;
using Polly.CircuitBreaker;

namespace CotForge.Llm.Tests.CircuitBreaking;

public sealed class LlmCircuitBreakerTests
{
    private readonly TestClock _time = new();
    private readonly ScriptedChatClient _inner;
    private readonly LlmCircuitBreaker _breaker;
    private bool _endpointUp;

    public LlmCircuitBreakerTests()
    {
        _inner = new ScriptedChatClient(_time)
        {
            Responder = (_, _) => _endpointUp
                ? Task.FromResult(ScriptedChatClient.Reply("ok"))
                : Task.FromException<ChatResponse>(new LlmTransientException(LlmErrorKinds.ServerError, "down", 503)),
        };
        _breaker = new LlmCircuitBreaker(
            "openai|http://127.0.0.1:1/v1",
            new LlmCircuitBreakerOptions { FailureRatio = 0.5, MinimumThroughput = 4, SamplingDuration = TimeSpan.FromSeconds(10), BreakDuration = TimeSpan.FromSeconds(5) },
            _time);
    }

    private IChatClient Build() => new ChatClientBuilder(_inner).UseLlmCircuitBreaker(_breaker).Build();

    [Fact]
    public async Task GetResponseAsync_DeadEndpoint_OpensAndFailsFastWithoutCalling()
    {
        using var client = Build();
        for (int i = 0; i < 4; i++)
        {
            await Assert.ThrowsAsync<LlmTransientException>(() => client.GetResponseAsync("hi"));
        }

        var error = await Assert.ThrowsAsync<LlmUnavailableException>(() => client.GetResponseAsync("hi"));

        Assert.Equal(CircuitState.Open, _breaker.State);
        Assert.Equal(4, _inner.CallCount);
        Assert.Equal(LlmErrorKinds.Unavailable, error.Kind);
        Assert.Equal(TimeSpan.FromSeconds(5), error.RetryAfter);
        Assert.Contains("openai|http://127.0.0.1:1/v1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetResponseAsync_AfterBreakDurationAndRecovery_ClosesAgain()
    {
        using var client = Build();
        for (int i = 0; i < 4; i++)
        {
            await Assert.ThrowsAsync<LlmTransientException>(() => client.GetResponseAsync("hi"));
        }

        _time.Advance(TimeSpan.FromSeconds(5));
        _endpointUp = true;
        var response = await client.GetResponseAsync("hi");

        Assert.Equal("ok", response.Text);
        Assert.Equal(CircuitState.Closed, _breaker.State);
        Assert.Equal("ok", (await client.GetResponseAsync("again")).Text);
    }

    [Fact]
    public async Task GetResponseAsync_TrialCallFails_OpensForAnotherBreak()
    {
        using var client = Build();
        for (int i = 0; i < 4; i++)
        {
            await Assert.ThrowsAsync<LlmTransientException>(() => client.GetResponseAsync("hi"));
        }

        _time.Advance(TimeSpan.FromSeconds(5));
        await Assert.ThrowsAsync<LlmTransientException>(() => client.GetResponseAsync("trial"));

        Assert.Equal(CircuitState.Open, _breaker.State);
        await Assert.ThrowsAsync<LlmUnavailableException>(() => client.GetResponseAsync("hi"));
        Assert.Equal(5, _inner.CallCount);
    }

    [Fact]
    public async Task GetResponseAsync_RateLimitedReplies_DoNotOpenTheCircuit()
    {
        _inner.Responder = (_, _) => Task.FromException<ChatResponse>(new LlmTransientException(LlmErrorKinds.RateLimited, "429", 429));
        using var client = Build();

        for (int i = 0; i < 10; i++)
        {
            await Assert.ThrowsAsync<LlmTransientException>(() => client.GetResponseAsync("hi"));
        }

        Assert.Equal(CircuitState.Closed, _breaker.State);
        Assert.Equal(10, _inner.CallCount);
    }

    [Fact]
    public async Task GetResponseAsync_UnderRetryWithDeadEndpoint_FailsTheItemQuicklyOnceOpen()
    {
        using var client = new ChatClientBuilder(_inner)
            .UseLlmRetry(new LlmRetryOptions { MaxRetries = 20, BaseDelay = TimeSpan.FromMilliseconds(100), Randomizer = () => 0 }, _time)
            .UseLlmCircuitBreaker(_breaker)
            .Build();
        var start = _time.GetUtcNow();

        var call = client.GetResponseAsync("hi");
        await _time.RunAsync(call.ContinueWith(_ => { }, TaskScheduler.Default), TimeSpan.FromMilliseconds(50));

        var error = await Assert.ThrowsAsync<LlmUnavailableException>(() => call);
        Assert.Equal(4, _inner.CallCount);
        Assert.Equal(5, error.Attempts);
        Assert.True(_time.GetUtcNow() - start < TimeSpan.FromSeconds(1), "the item fails within the backoff of a few attempts, not after 20 retries");
    }

    [Fact]
    public void Constructor_InvalidOptions_ThrowsNamingTheOption()
    {
        var error = Assert.Throws<LlmConfigurationException>(() => new LlmCircuitBreaker("e", new LlmCircuitBreakerOptions { MinimumThroughput = 1, FailureRatio = 0 }));

        Assert.Contains("'FailureRatio' must be above 0 and at most 1; was 0.", error.Message, StringComparison.Ordinal);
        Assert.Contains("'MinimumThroughput' must be at least 2; was 1.", error.Message, StringComparison.Ordinal);
    }
}
