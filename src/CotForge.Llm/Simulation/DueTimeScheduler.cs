using System.Diagnostics;

namespace CotForge.Llm.Simulation;

/// <summary>
/// Completes waits at their due time on the monotonic high-resolution clock: never before it, and after it by a
/// fraction of a millisecond where the operating system sleeps that finely (Linux, macOS), else by about a
/// millisecond. The simulated provider's latency goes through it when it runs on the system clock.
/// </summary>
/// <remarks>
/// <para>
/// <see cref="Task.Delay(TimeSpan)"/> is not exact enough to stand for a provider's latency: the runtime's timers count
/// in whole milliseconds of a coarse clock, and on this project's Linux machine a 50 ms delay took 52.0 ms on average,
/// alone or with a thousand others pending. A simulated endpoint configured for 50 ms per call was therefore 4 % slower
/// than configured, and every efficiency measured against the configured latency carried that 4 % as if the pipeline
/// had lost it.
/// </para>
/// <para>
/// One background thread keeps the pending waits ordered by due time and sleeps until the earliest is due: in whole
/// milliseconds until it is 2 ms away, then in slices of at least 0.2 ms (at most ~5,000 wake-ups a second however
/// many waits are pending; a millisecond wait there left the average wait ~1 ms long, 2 % of a 50 ms call). It completes
/// every wait that is due and hands their continuations to the thread pool (they never run on this thread). A cancelled
/// wait completes as cancelled at once and is dropped when its due time comes. A wait added during a fine sleep with a
/// due time before the sleep's end (a delay under 2 ms) ends up to 0.2 ms late.
/// </para>
/// </remarks>
internal sealed class DueTimeScheduler
{
    private static readonly long TicksPerMillisecond = Stopwatch.Frequency / 1000;

    /// <summary>How close to the earliest due time the thread switches from millisecond waits to fine sleeps.</summary>
    private static readonly long FineWindowTicks = 2 * TicksPerMillisecond;

    /// <summary>The shortest fine sleep (0.2 ms): bounds the thread to about 5,000 wake-ups a second under load.</summary>
    private static readonly long FineSliceTicks = TicksPerMillisecond / 5;

    private readonly PriorityQueue<Waiter, long> _pending = new();
    private readonly Lock _lock = new();
    private readonly AutoResetEvent _earlierDue = new(initialState: false);
    private long _sleepingUntil = long.MaxValue;

    private DueTimeScheduler()
    {
        var thread = new Thread(Run) { IsBackground = true, Name = "cotforge simulated latency" };
        thread.Start();
    }

    /// <summary>The process's one scheduler (its thread is started on first use and sleeps while nothing is pending).</summary>
    public static DueTimeScheduler Shared => Holder.Instance;

    /// <summary>A task that completes <paramref name="delay"/> after now, or as cancelled when <paramref name="cancellationToken"/> is.</summary>
    public Task WaitAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled(cancellationToken);
        }

        long due = Stopwatch.GetTimestamp() + (long)(delay.TotalSeconds * Stopwatch.Frequency);
        var waiter = new Waiter();
        if (cancellationToken.CanBeCanceled)
        {
            waiter.Registration = cancellationToken.UnsafeRegister(
                static (state, token) => ((Waiter)state!).TrySetCanceled(token), waiter);
        }

        bool wake;
        lock (_lock)
        {
            _pending.Enqueue(waiter, due);
            wake = due < _sleepingUntil;
        }

        if (wake)
        {
            _earlierDue.Set();
        }

        return waiter.Task;
    }

    private void Run()
    {
        var due = new List<Waiter>();
        while (true)
        {
            int sleepMs;
            long fineTicks = 0;
            lock (_lock)
            {
                long now = Stopwatch.GetTimestamp();
                long next = long.MaxValue;
                while (_pending.TryPeek(out Waiter? waiter, out long at))
                {
                    if (at > now)
                    {
                        next = at;
                        break;
                    }

                    _pending.Dequeue();
                    due.Add(waiter);
                }

                _sleepingUntil = next;
                if (next == long.MaxValue)
                {
                    sleepMs = Timeout.Infinite;
                }
                else if (PreciseSleep.IsSupported && next - now <= FineWindowTicks)
                {
                    // Close to the due time: sleep the rest in slices of at least FineSliceTicks rather than a whole
                    // millisecond, so waits end within a fraction of a millisecond of their due time.
                    sleepMs = 0;
                    fineTicks = Math.Max(next - now, FineSliceTicks);
                }
                else
                {
                    // Whole milliseconds: rounded up without the fine sleep (the thread wakes at or after the earliest
                    // due time), or down to just before the fine window with it.
                    long ticks = PreciseSleep.IsSupported ? next - now - FineWindowTicks : next - now + TicksPerMillisecond - 1;
                    sleepMs = (int)Math.Min(int.MaxValue, Math.Max(1, ticks / TicksPerMillisecond));
                }
            }

            foreach (Waiter waiter in due)
            {
                waiter.Registration.Unregister();
                waiter.TrySetResult();
            }

            due.Clear();
            if (fineTicks > 0)
            {
                PreciseSleep.For(fineTicks);
            }
            else
            {
                _earlierDue.WaitOne(sleepMs);
            }
        }
    }

    private sealed class Waiter() : TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)
    {
        public CancellationTokenRegistration Registration { get; set; }
    }

    private static class Holder
    {
        public static readonly DueTimeScheduler Instance = new();
    }
}
