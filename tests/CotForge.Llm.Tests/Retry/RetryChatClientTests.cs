using CotForge.TestUtilities.FakeLlm;
using CotForge.TestUtilities.Time;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Time.Testing;

namespace CotForge.Llm.Tests.Retry;

public sealed class RetryChatClientTests
{
    private readonly TestClock _time = new();
    private readonly ScriptedChatClient _inner;

    public RetryChatClientTests() => _inner = new ScriptedChatClient(_time);

    private IChatClient Build(LlmRetryOptions options) =>
        new ChatClientBuilder(_inner).UseLlmRetry(options, _time).Build();

    private static LlmRetryOptions Pinned(int maxRetries = 6) => new()
    {
        MaxRetries = maxRetries,
        BaseDelay = TimeSpan.FromSeconds(1),
        MaxDelay = TimeSpan.FromSeconds(30),
        Randomizer = () => 0.5, // jitter factor 0.75
    };

    private void FailFirst(int failures, Func<Exception> failure) =>
        _inner.Responder = (call, _) => call.Index < failures ? Task.FromException<ChatResponse>(failure()) : Task.FromResult(ScriptedChatClient.Reply("ok"));

    private TimeSpan[] Gaps() => _inner.Calls.Zip(_inner.Calls.Skip(1), (a, b) => b.At - a.At).ToArray();

    [Fact]
    public async Task GetResponseAsync_ServerErrorsThenSuccess_RetriesWithJitteredExponentialBackoff()
    {
        FailFirst(3, () => new LlmTransientException(LlmErrorKinds.ServerError, "boom", 500));
        using var client = Build(Pinned());

        var response = await _time.RunAsync(client.GetResponseAsync("hi"), TimeSpan.FromMilliseconds(250));

        Assert.Equal("ok", response.Text);
        Assert.Equal(4, _inner.CallCount);
        Assert.Equal([TimeSpan.FromSeconds(0.75), TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(3)], Gaps());
    }

    [Fact]
    public async Task GetResponseAsync_RateLimitedWithRetryAfter_WaitsExactlyRetryAfter()
    {
        FailFirst(2, () => new LlmTransientException(LlmErrorKinds.RateLimited, "slow down", 429, TimeSpan.FromSeconds(7)));
        using var client = Build(Pinned());

        await _time.RunAsync(client.GetResponseAsync("hi"), TimeSpan.FromMilliseconds(500));

        Assert.Equal([TimeSpan.FromSeconds(7), TimeSpan.FromSeconds(7)], Gaps());
    }

    [Fact]
    public async Task GetResponseAsync_RetryAfterBeyondMaxDelay_WaitsMaxDelay()
    {
        FailFirst(1, () => new LlmTransientException(LlmErrorKinds.RateLimited, "slow down", 429, TimeSpan.FromMinutes(10)));
        using var client = Build(Pinned());

        await _time.RunAsync(client.GetResponseAsync("hi"), TimeSpan.FromSeconds(1));

        Assert.Equal([TimeSpan.FromSeconds(30)], Gaps());
    }

    [Fact]
    public async Task GetResponseAsync_TimeoutsThenSuccess_RetriesTimeouts()
    {
        FailFirst(2, () => new LlmTimeoutException(TimeSpan.FromSeconds(5)));
        using var client = Build(Pinned());

        var response = await _time.RunAsync(client.GetResponseAsync("hi"), TimeSpan.FromMilliseconds(250));

        Assert.Equal("ok", response.Text);
        Assert.Equal(3, _inner.CallCount);
    }

    [Theory]
    [InlineData(400)]
    [InlineData(401)]
    [InlineData(403)]
    [InlineData(404)]
    public async Task GetResponseAsync_RejectedRequest_DoesNotRetry(int status)
    {
        FailFirst(1, () => new LlmRequestException("no", status));
        using var client = Build(Pinned());

        var error = await Assert.ThrowsAsync<LlmRequestException>(() => client.GetResponseAsync("hi"));

        Assert.Equal(status, error.StatusCode);
        Assert.Equal(1, _inner.CallCount);
        Assert.Equal(1, error.Attempts);
    }

    [Fact]
    public async Task GetResponseAsync_OpenCircuitOrSpentBudget_DoesNotRetry()
    {
        using var client = Build(Pinned());
        FailFirst(1, () => new LlmUnavailableException("x", TimeSpan.FromSeconds(3)));
        await Assert.ThrowsAsync<LlmUnavailableException>(() => client.GetResponseAsync("hi"));
        FailFirst(2, () => new BudgetExceededException("max_cost", 1, 1));
        await Assert.ThrowsAsync<BudgetExceededException>(() => client.GetResponseAsync("hi"));

        Assert.Equal(2, _inner.CallCount);
    }

    [Fact]
    public async Task GetResponseAsync_PersistentFailure_GivesUpAfterMaxRetriesWithAttemptCount()
    {
        FailFirst(int.MaxValue, () => new LlmTransientException(LlmErrorKinds.ServerError, "down", 503));
        using var client = Build(Pinned(maxRetries: 2));

        var call = client.GetResponseAsync("hi");
        await _time.RunAsync(call.ContinueWith(_ => { }, TaskScheduler.Default), TimeSpan.FromMilliseconds(250));

        var error = await Assert.ThrowsAsync<LlmTransientException>(() => call);
        Assert.Equal(503, error.StatusCode);
        Assert.Equal(3, error.Attempts);
        Assert.Equal(3, _inner.CallCount);
    }

    [Fact]
    public async Task GetResponseAsync_CancelledDuringBackoff_StopsWithoutAnotherAttempt()
    {
        FailFirst(int.MaxValue, () => new LlmTransientException(LlmErrorKinds.ServerError, "down", 500));
        using var client = Build(Pinned());
        using var cts = new CancellationTokenSource();

        var call = client.GetResponseAsync("hi", cancellationToken: cts.Token);
        await TestClock.SettleAsync();
        await cts.CancelAsync();
        _time.Advance(TimeSpan.FromMinutes(5));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.Equal(1, _inner.CallCount);
    }

    [Fact]
    public async Task GetResponseAsync_ZeroRetries_MakesOneAttempt()
    {
        FailFirst(1, () => new LlmTransientException(LlmErrorKinds.ServerError, "down", 500));
        using var client = Build(Pinned(maxRetries: 0));

        await Assert.ThrowsAsync<LlmTransientException>(() => client.GetResponseAsync("hi"));

        Assert.Equal(1, _inner.CallCount);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_TransientFailure_IsRetriedToo()
    {
        FailFirst(1, () => new LlmTransientException(LlmErrorKinds.ServerError, "down", 500));
        using var client = Build(Pinned());

        var response = await _time.RunAsync(client.GetStreamingResponseAsync("hi").ToChatResponseAsync(), TimeSpan.FromMilliseconds(250));

        Assert.Equal("ok", response.Text);
        Assert.Equal(2, _inner.CallCount);
    }
}
