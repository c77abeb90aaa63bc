using CotForge.Cli.Infrastructure;
using CotForge.Pipeline;
using Spectre.Console;

namespace CotForge.Cli.Display;

/// <summary>
/// Receives the pipeline's progress snapshots (from any thread) and shows them while the run lasts: a live display
/// on a terminal, or a plain line every few seconds when the output is redirected, so logs stay readable.
/// </summary>
internal sealed class RunMonitor(IAnsiConsole console, CliEnvironment environment, string title, bool live) : IProgress<PipelineProgress>
{
    private readonly ProgressStats _stats = new(TimeSpan.FromSeconds(10));
    private readonly Lock _gate = new();
    private PipelineProgress? _latest;

    /// <summary>The latest snapshot, or null before the first.</summary>
    public PipelineProgress? Latest
    {
        get
        {
            lock (_gate)
            {
                return _latest;
            }
        }
    }

    /// <summary>Sets the estimated number of input rows once counted, enabling the ETA.</summary>
    public void SetTotalRows(long? rows)
    {
        lock (_gate)
        {
            _stats.TotalRows = rows;
        }
    }

    public void Report(PipelineProgress value)
    {
        lock (_gate)
        {
            _latest = value;
            _stats.Add(value);
        }
    }

    /// <summary>Runs <paramref name="work"/> while showing its progress; <paramref name="stopping"/> tells when a stop was asked.</summary>
    public Task<T> ShowWhileAsync<T>(Func<Task<T>> work, CancellationToken stopping)
    {
        ArgumentNullException.ThrowIfNull(work);
        return live ? LiveAsync(work, stopping) : PlainAsync(work, stopping);
    }

    private async Task<T> LiveAsync<T>(Func<Task<T>> work, CancellationToken stopping)
    {
        return await console.Live(Render(stopping)).AutoClear(false).StartAsync(async context =>
        {
            var task = work();
            while (!task.IsCompleted)
            {
                await Task.WhenAny(task, Task.Delay(environment.LiveRefreshInterval, environment.TimeProvider, CancellationToken.None));
                context.UpdateTarget(Render(stopping));
            }

            return await task;
        });
    }

    private async Task<T> PlainAsync<T>(Func<Task<T>> work, CancellationToken stopping)
    {
        var task = work();
        bool announcedStop = false;
        while (!task.IsCompleted)
        {
            await Task.WhenAny(task, Task.Delay(environment.PlainProgressInterval, environment.TimeProvider, CancellationToken.None));
            if (stopping.IsCancellationRequested && !announcedStop)
            {
                announcedStop = true;
                console.WriteLine("Stopping: no new rows; letting in-flight items finish, then flushing.");
            }

            if (!task.IsCompleted && Line() is { } line)
            {
                console.WriteLine(line);
            }
        }

        var result = await task;
        if (Line() is { } last)
        {
            console.WriteLine(last);
        }

        return result;
    }

    private Spectre.Console.Rendering.IRenderable Render(CancellationToken stopping)
    {
        lock (_gate)
        {
            return LiveRunView.Render(title, _latest, _stats, stopping.IsCancellationRequested);
        }
    }

    private string? Line()
    {
        lock (_gate)
        {
            return _latest is null ? null : ProgressLine.Format(_latest, _stats);
        }
    }
}
