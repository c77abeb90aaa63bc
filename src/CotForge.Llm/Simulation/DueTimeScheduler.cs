using System.Diagnostics;

namespace CotForge.Llm.Simulation;

/// <summary>
/// Completes waits at their due time on the monotonic high-resolution clock: never before it, and after it by no more
/// than the operating system's wake-up granularity (about a millisecond). The simulated provider's latency goes
/// through it when it runs on the system clock.
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
/// One background thread keeps the pending waits ordered by due time and sleeps until the earliest is due. It wakes at
/// most about once a millisecond however many waits are pending, completes every wait that is due, and hands their
/// continuations to the thread pool (they never run on this thread). A cancelled wait completes as cancelled at once
/// and is dropped when its due time comes.
/// </para>
/// </remarks>
internal sealed class DueTimeScheduler
{
    private static readonly long TicksPerMillisecond = Stopwatch.Frequency / 1000;

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
                // Whole milliseconds, rounded up so that the thread wakes at or after the earliest due time.
                sleepMs = next == long.MaxValue ? Timeout.Infinite
                    : (int)Math.Min(int.MaxValue, Math.Max(1, (next - now + TicksPerMillisecond - 1) / TicksPerMillisecond));
            }

            foreach (Waiter waiter in due)
            {
                waiter.Registration.Unregister();
                waiter.TrySetResult();
            }

            due.Clear();
            _earlierDue.WaitOne(sleepMs);
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
