using System.Collections.Concurrent;
using System.Diagnostics;
using CotForge.Llm.Simulation;

namespace CotForge.Llm.Tests.Simulation;

// Real time: these waits run on the scheduler's own thread. The assertions hold on any machine however loaded (a wait
// never ends early, later due times never finish first by more than the wake-up step); how close to the due time the
// waits end is a measurement (`measure latency` reports the mean call time), not a test.
public sealed class DueTimeSchedulerTests
{
    [Fact]
    public Task WaitAsync_ManyWaits_NoneEndsBeforeItsDelay() =>
        AssertNoneEndsEarly(Enumerable.Range(0, 200).Select(i => TimeSpan.FromMilliseconds(5 + (i % 20))));

    [Fact]
    public Task WaitAsync_SubMillisecondDelays_NoneEndsBeforeItsDelay() =>
        // Delays under the 2 ms fine window go straight to the sub-millisecond sleeps (Linux, macOS).
        AssertNoneEndsEarly(Enumerable.Range(0, 300).Select(i => TimeSpan.FromMicroseconds(100 + (i * 7 % 1900))));

    private static async Task AssertNoneEndsEarly(IEnumerable<TimeSpan> delays)
    {
        var early = new ConcurrentBag<double>();
        var waits = delays.Select(async delay =>
        {
            long started = Stopwatch.GetTimestamp();
            await DueTimeScheduler.Shared.WaitAsync(delay, CancellationToken.None);
            TimeSpan took = Stopwatch.GetElapsedTime(started);
            if (took < delay)
            {
                early.Add((delay - took).TotalMilliseconds);
            }
        });

        await Task.WhenAll(waits);

        Assert.Empty(early);
    }

    [Fact]
    public void PreciseSleep_ShortSleeps_NeverReturnBeforeTheirTime()
    {
        if (!PreciseSleep.IsSupported)
        {
            return; // nanosleep is used on Linux and macOS only
        }

        long shortest = long.MaxValue;
        for (int i = 0; i < 200; i++)
        {
            long ticks = Stopwatch.Frequency / 10_000 * (1 + (i % 5)); // 0.1 to 0.5 ms
            long started = Stopwatch.GetTimestamp();
            PreciseSleep.For(ticks);
            shortest = Math.Min(shortest, Stopwatch.GetTimestamp() - started - ticks);
        }

        Assert.True(shortest >= 0, $"a sleep returned {shortest} ticks early");
    }

    [Fact]
    public async Task WaitAsync_ShorterDelayAddedAfterALongerOne_EndsFirst()
    {
        // The scheduler is asleep until the long wait is due when the short one arrives: it must wake for it.
        var longWait = DueTimeScheduler.Shared.WaitAsync(TimeSpan.FromSeconds(20), CancellationToken.None);
        long started = Stopwatch.GetTimestamp();
        var shortWait = DueTimeScheduler.Shared.WaitAsync(TimeSpan.FromMilliseconds(20), CancellationToken.None);

        Task first = await Task.WhenAny(longWait, shortWait);

        Assert.Same(shortWait, first);
        Assert.True(Stopwatch.GetElapsedTime(started) < TimeSpan.FromSeconds(10), "the short wait ended long before the long one was due");
    }

    [Fact]
    public async Task WaitAsync_Cancelled_EndsAsCancelledAtOnceAndLeavesOthersWaiting()
    {
        using var cts = new CancellationTokenSource();
        var cancelled = DueTimeScheduler.Shared.WaitAsync(TimeSpan.FromSeconds(30), cts.Token);
        var other = DueTimeScheduler.Shared.WaitAsync(TimeSpan.FromMilliseconds(30), CancellationToken.None);

        await cts.CancelAsync();

        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        Assert.Equal(cts.Token, error.CancellationToken);
        await other;
        Assert.True(other.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task WaitAsync_AlreadyCancelledToken_ReturnsACancelledTask()
    {
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        var wait = DueTimeScheduler.Shared.WaitAsync(TimeSpan.FromMilliseconds(10), cts.Token);

        Assert.True(wait.IsCanceled);
    }

    [Fact]
    public async Task WaitAsync_Continuations_NeverRunOnTheSchedulerThread()
    {
        // A continuation that blocked the scheduler's thread would hold back every other wait's completion.
        var threads = new ConcurrentBag<string?>();
        var waits = Enumerable.Range(0, 20).Select(async _ =>
        {
            await DueTimeScheduler.Shared.WaitAsync(TimeSpan.FromMilliseconds(10), CancellationToken.None).ConfigureAwait(false);
            threads.Add(Thread.CurrentThread.Name);
        });

        await Task.WhenAll(waits);

        Assert.DoesNotContain("cotforge simulated latency", threads);
    }
}
