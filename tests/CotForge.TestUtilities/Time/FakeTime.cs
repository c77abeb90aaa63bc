using Microsoft.Extensions.Time.Testing;

namespace CotForge.TestUtilities.Time;

/// <summary>Helpers to drive code that waits on a <see cref="FakeTimeProvider"/> without real sleeping.</summary>
public static class FakeTime
{
    /// <summary>
    /// Advances <paramref name="time"/> by <paramref name="step"/> until <paramref name="task"/> completes, yielding
    /// between steps so continuations can register their next timers. Fails after <paramref name="maxSteps"/>.
    /// </summary>
    public static async Task<T> RunAsync<T>(this FakeTimeProvider time, Task<T> task, TimeSpan step, int maxSteps = 100_000)
    {
        await RunAsync(time, (Task)task, step, maxSteps).ConfigureAwait(false);
        return await task.ConfigureAwait(false);
    }

    /// <inheritdoc cref="RunAsync{T}(FakeTimeProvider, Task{T}, TimeSpan, int)"/>
    public static async Task RunAsync(this FakeTimeProvider time, Task task, TimeSpan step, int maxSteps = 100_000)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(task);
        for (int i = 0; i < maxSteps && !task.IsCompleted; i++)
        {
            // Let continuations of the previous step run (they may schedule timers) before moving the clock.
            await SettleAsync().ConfigureAwait(false);
            if (task.IsCompleted)
            {
                break;
            }

            time.Advance(step);
        }

        if (!task.IsCompleted)
        {
            await SettleAsync().ConfigureAwait(false);
        }

        if (!task.IsCompleted)
        {
            throw new TimeoutException($"The task did not complete within {maxSteps} fake-time steps of {step}.");
        }
    }

    /// <summary>Gives queued thread-pool continuations a moment to run.</summary>
    public static async Task SettleAsync()
    {
        for (int i = 0; i < 3; i++)
        {
            await Task.Yield();
        }

        await Task.Delay(1).ConfigureAwait(false);
    }
}
