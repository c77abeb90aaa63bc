using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Time.Testing;

namespace CotForge.TestUtilities.Time;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that knows when its timers are due, so <see cref="RunAsync(Task, TimeSpan?)"/> can
/// move time straight to the next due timer once the code under test has settled. Time then never passes while a
/// continuation is still on its way to arm its next timer, which makes fake-time spacing exact instead of depending
/// on how fast the machine schedules continuations.
/// </summary>
public sealed class TestClock : FakeTimeProvider
{
    private readonly ConcurrentDictionary<TrackedTimer, byte> _timers = new();

    /// <summary>Creates a clock at the <see cref="FakeTimeProvider"/> default start time.</summary>
    public TestClock()
    {
    }

    /// <summary>When the earliest armed timer is due, or null when none is armed.</summary>
    public DateTimeOffset? NextDue
    {
        get
        {
            DateTimeOffset? next = null;
            foreach (var timer in _timers.Keys)
            {
                if (timer.Due is { } due && (next is null || due < next))
                {
                    next = due;
                }
            }

            return next;
        }
    }

    /// <inheritdoc />
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var tracked = new TrackedTimer(this, callback, state);
        _timers.TryAdd(tracked, 0);
        tracked.Start(dueTime, period);
        return tracked;
    }

    /// <summary>
    /// Runs the clock until <paramref name="task"/> completes: settle, then advance to the next due timer (by at most
    /// <paramref name="maxStep"/>), repeat. With no timer armed it waits in real time for the code to make progress.
    /// </summary>
    public async Task RunAsync(Task task, TimeSpan? maxStep = null)
    {
        ArgumentNullException.ThrowIfNull(task);
        var idleSince = Stopwatch.GetTimestamp();
        while (!task.IsCompleted)
        {
            await SettleAsync().ConfigureAwait(false);
            if (task.IsCompleted)
            {
                break;
            }

            var now = GetUtcNow();
            if (NextDue is { } due)
            {
                var step = due - now;
                if (maxStep is { } max && step > max)
                {
                    step = max;
                }

                Advance(step < TimeSpan.Zero ? TimeSpan.Zero : step);
                idleSince = Stopwatch.GetTimestamp();
            }
            else if (Stopwatch.GetElapsedTime(idleSince) > TimeSpan.FromSeconds(20))
            {
                throw new TimeoutException("The task made no progress for 20 s of real time and no fake timer is armed.");
            }
        }

        await task.ConfigureAwait(false);
    }

    /// <inheritdoc cref="RunAsync(Task, TimeSpan?)"/>
    public async Task<T> RunAsync<T>(Task<T> task, TimeSpan? maxStep = null)
    {
        await RunAsync((Task)task, maxStep).ConfigureAwait(false);
        return await task.ConfigureAwait(false);
    }

    /// <summary>
    /// Waits until queued thread-pool work has drained (the continuations of the last step have run and armed their
    /// timers): the pool's queue must be seen empty twice in a row, a millisecond apart.
    /// </summary>
    public static async Task SettleAsync()
    {
        var start = Stopwatch.GetTimestamp();
        int quiet = 0;
        while (quiet < 2 && Stopwatch.GetElapsedTime(start) < TimeSpan.FromSeconds(2))
        {
            await Task.Delay(1).ConfigureAwait(false);
            quiet = ThreadPool.PendingWorkItemCount == 0 ? quiet + 1 : 0;
        }
    }

    private void Forget(TrackedTimer timer) => _timers.TryRemove(timer, out _);

    private ITimer CreateBaseTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        base.CreateTimer(callback, state, dueTime, period);

    private sealed class TrackedTimer(TestClock clock, TimerCallback callback, object? state) : ITimer
    {
        private readonly Lock _gate = new();
        private ITimer? _inner;
        private DateTimeOffset? _due;
        private TimeSpan _period = Timeout.InfiniteTimeSpan;

        public DateTimeOffset? Due
        {
            get
            {
                lock (_gate)
                {
                    return _due;
                }
            }
        }

        public void Start(TimeSpan dueTime, TimeSpan period)
        {
            Arm(dueTime, period);
            _inner = clock.CreateBaseTimer(static s => ((TrackedTimer)s!).Fire(), this, dueTime, period);
        }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            Arm(dueTime, period);
            return _inner!.Change(dueTime, period);
        }

        public void Dispose()
        {
            lock (_gate)
            {
                _due = null;
            }

            clock.Forget(this);
            _inner?.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }

        private void Arm(TimeSpan dueTime, TimeSpan period)
        {
            lock (_gate)
            {
                _due = dueTime == Timeout.InfiniteTimeSpan ? null : clock.GetUtcNow() + dueTime;
                _period = period;
            }
        }

        private void Fire()
        {
            lock (_gate)
            {
                _due = _period == Timeout.InfiniteTimeSpan || _period == TimeSpan.Zero || _due is null ? null : _due + _period;
            }

            callback(state);
        }
    }
}
