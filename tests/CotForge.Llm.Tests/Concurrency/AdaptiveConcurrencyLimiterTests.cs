using CotForge.TestUtilities.FakeLlm;
using CotForge.TestUtilities.Time;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Time.Testing;

namespace CotForge.Llm.Tests.Concurrency;

public sealed class AdaptiveConcurrencyLimiterTests
{
    private readonly TestClock _time = new();

    [Fact]
    public async Task Release_Throttled_HalvesOncePerCooldown()
    {
        var limiter = new AdaptiveConcurrencyLimiter(16, _time, decreaseCooldown: TimeSpan.FromSeconds(1));
        for (int i = 0; i < 3; i++)
        {
            await limiter.AcquireAsync(default);
        }

        limiter.Release(AdaptiveConcurrencyLimiter.CallOutcome.Throttled);
        limiter.Release(AdaptiveConcurrencyLimiter.CallOutcome.Throttled);
        Assert.Equal(8, limiter.CurrentLimit);

        _time.Advance(TimeSpan.FromSeconds(1));
        limiter.Release(AdaptiveConcurrencyLimiter.CallOutcome.Throttled);
        Assert.Equal(4, limiter.CurrentLimit);
    }

    [Fact]
    public async Task Release_Successes_CreepBackUpToTheMaximumAndNoFurther()
    {
        var limiter = new AdaptiveConcurrencyLimiter(8, _time);
        await limiter.AcquireAsync(default);
        limiter.Release(AdaptiveConcurrencyLimiter.CallOutcome.Throttled);
        Assert.Equal(4, limiter.CurrentLimit);

        int successes = 0;
        while (limiter.CurrentLimit < 8)
        {
            await limiter.AcquireAsync(default);
            limiter.Release(AdaptiveConcurrencyLimiter.CallOutcome.Succeeded);
            successes++;
        }

        // Additive increase: about `limit` successes per step, so 4 + 5 + 6 + 7 = 22.
        Assert.InRange(successes, 20, 24);
        for (int i = 0; i < 50; i++)
        {
            await limiter.AcquireAsync(default);
            limiter.Release(AdaptiveConcurrencyLimiter.CallOutcome.Succeeded);
        }

        Assert.Equal(8, limiter.CurrentLimit);
    }

    [Fact]
    public async Task Release_Neutral_LeavesTheLimit()
    {
        var limiter = new AdaptiveConcurrencyLimiter(8, _time);
        await limiter.AcquireAsync(default);
        limiter.Release(AdaptiveConcurrencyLimiter.CallOutcome.Throttled);

        await limiter.AcquireAsync(default);
        limiter.Release(AdaptiveConcurrencyLimiter.CallOutcome.Neutral);

        Assert.Equal(4, limiter.CurrentLimit);
        Assert.Equal(0, limiter.InFlight);
    }

    [Fact]
    public async Task AcquireAsync_AtLimit_WaitsInArrivalOrderAndCancelledWaiterLeavesTheQueue()
    {
        var limiter = new AdaptiveConcurrencyLimiter(1, _time);
        await limiter.AcquireAsync(default);
        using var cts = new CancellationTokenSource();
        var first = limiter.AcquireAsync(default).AsTask();
        var cancelled = limiter.AcquireAsync(cts.Token).AsTask();
        var third = limiter.AcquireAsync(default).AsTask();
        Assert.Equal(3, limiter.Waiting);

        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        limiter.Release(AdaptiveConcurrencyLimiter.CallOutcome.Succeeded);
        await first;
        Assert.False(third.IsCompleted);
        limiter.Release(AdaptiveConcurrencyLimiter.CallOutcome.Succeeded);
        await third;

        Assert.Equal(1, limiter.InFlight);
        Assert.Equal(0, limiter.Waiting);
    }

    [Fact]
    public async Task GetResponseAsync_RateLimitStorm_BacksOffThenRecovers()
    {
        var limiter = new AdaptiveConcurrencyLimiter(8, _time, decreaseCooldown: TimeSpan.Zero);
        var inner = new ScriptedChatClient(_time);
        bool throttling = true;
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        inner.Responder = async (_, _) =>
        {
            if (throttling)
            {
                throw new LlmTransientException(LlmErrorKinds.RateLimited, "429", 429);
            }

            await gate.Task;
            return ScriptedChatClient.Reply("ok");
        };
        using var client = new ChatClientBuilder(inner).UseAdaptiveConcurrency(limiter).Build();

        for (int i = 0; i < 3; i++)
        {
            await Assert.ThrowsAsync<LlmTransientException>(() => client.GetResponseAsync("hi"));
        }

        Assert.Equal(1, limiter.CurrentLimit);
        throttling = false;
        var blocked = Enumerable.Range(0, 5).Select(_ => client.GetResponseAsync("hi")).ToList();
        await TestClock.SettleAsync();
        Assert.Equal((1, 4), (inner.InFlight, limiter.Waiting));
        gate.SetResult();
        await Task.WhenAll(blocked);
        for (int i = 0; i < 60; i++)
        {
            await client.GetResponseAsync("hi");
        }

        Assert.True(limiter.CurrentLimit >= 8 - 1, $"the limit recovered to {limiter.CurrentLimit}");
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(4, 5)]
    public void Constructor_InvalidLimits_ThrowsConfigurationError(int max, int min) =>
        Assert.Throws<LlmConfigurationException>(() => new AdaptiveConcurrencyLimiter(max, _time, min));
}
