using CotForge.TestUtilities.FakeLlm;
using CotForge.TestUtilities.Time;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Time.Testing;

namespace CotForge.Llm.Tests.Timeouts;

public sealed class TimeoutChatClientTests
{
    private readonly TestClock _time = new();
    private readonly ScriptedChatClient _inner;

    public TimeoutChatClientTests()
    {
        _inner = new ScriptedChatClient(_time);
        _inner.Responder = async (_, token) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(10), _time, token).ConfigureAwait(false);
            return ScriptedChatClient.Reply("slow");
        };
    }

    [Fact]
    public async Task GetResponseAsync_SlowerThanTimeout_ThrowsTimeoutAtTheTimeout()
    {
        using var client = new ChatClientBuilder(_inner).UseLlmTimeout(TimeSpan.FromSeconds(2), _time).Build();
        var start = _time.GetUtcNow();

        var call = client.GetResponseAsync("hi");
        await _time.RunAsync(call.ContinueWith(_ => { }, TaskScheduler.Default), TimeSpan.FromMilliseconds(100));

        var error = await Assert.ThrowsAsync<LlmTimeoutException>(() => call);
        Assert.Equal(TimeSpan.FromSeconds(2), error.Timeout);
        Assert.Equal(TimeSpan.FromSeconds(2), _time.GetUtcNow() - start);
        Assert.Equal(LlmErrorKinds.Timeout, error.Kind);
    }

    [Fact]
    public async Task GetResponseAsync_FasterThanTimeout_ReturnsTheReply()
    {
        using var client = new ChatClientBuilder(_inner).UseLlmTimeout(TimeSpan.FromSeconds(30), _time).Build();

        var response = await _time.RunAsync(client.GetResponseAsync("hi"), TimeSpan.FromSeconds(1));

        Assert.Equal("slow", response.Text);
    }

    [Fact]
    public async Task GetResponseAsync_CallerCancels_ThrowsOperationCanceledNotTimeout()
    {
        using var client = new ChatClientBuilder(_inner).UseLlmTimeout(TimeSpan.FromSeconds(2), _time).Build();
        using var cts = new CancellationTokenSource();

        var call = client.GetResponseAsync("hi", cancellationToken: cts.Token);
        await cts.CancelAsync();

        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.IsNotType<LlmTimeoutException>(error);
    }

    [Fact]
    public async Task GetResponseAsync_WithRetry_TimedOutAttemptIsRetried()
    {
        int calls = 0;
        _inner.Responder = async (_, token) =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                // Continue inline on the timer (no test sync context hop), so fake-time spacing is exact.
                await Task.Delay(Timeout.InfiniteTimeSpan, _time, token).ConfigureAwait(false);
            }

            return ScriptedChatClient.Reply("second");
        };
        using var client = new ChatClientBuilder(_inner)
            .UseLlmRetry(new LlmRetryOptions { BaseDelay = TimeSpan.FromSeconds(1), Randomizer = () => 0 }, _time)
            .UseLlmTimeout(TimeSpan.FromSeconds(5), _time)
            .Build();

        var response = await _time.RunAsync(client.GetResponseAsync("hi"), TimeSpan.FromMilliseconds(250));

        Assert.Equal("second", response.Text);
        Assert.Equal(TimeSpan.FromSeconds(5.5), _inner.Calls[1].At - _inner.Calls[0].At);
    }
}
