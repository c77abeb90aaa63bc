using System.Runtime.InteropServices;

namespace CotForge.Cli.Infrastructure;

/// <summary>
/// Turns Ctrl+C (SIGINT) and SIGTERM into cancellation of the run token instead of process death, so the run can
/// stop intake, flush what is committed and exit 130. A second Ctrl+C gives up on the clean stop and lets the
/// runtime end the process: everything committed is durable already, the next run only recovers a torn tail.
/// </summary>
internal sealed class ShutdownSignals : IDisposable
{
    private readonly CancellationTokenSource _source;
    private readonly PosixSignalRegistration? _sigterm;
    private int _signals;

    private ShutdownSignals(CancellationTokenSource source)
    {
        _source = source;
        Console.CancelKeyPress += OnCancelKeyPress;
        if (!OperatingSystem.IsWindows() && !OperatingSystem.IsBrowser())
        {
            _sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSigterm);
        }
    }

    /// <summary>Starts translating signals into cancellation of <paramref name="source"/>.</summary>
    public static ShutdownSignals Register(CancellationTokenSource source) => new(source);

    public void Dispose()
    {
        Console.CancelKeyPress -= OnCancelKeyPress;
        _sigterm?.Dispose();
    }

    private void OnCancelKeyPress(object? sender, ConsoleCancelEventArgs e)
    {
        // First press: keep the process alive and stop cleanly. Second press: the user means it.
        e.Cancel = Interlocked.Increment(ref _signals) == 1;
        Cancel();
    }

    private void OnSigterm(PosixSignalContext context)
    {
        // A service manager sends SIGTERM once and waits; always try the clean stop.
        Interlocked.Increment(ref _signals);
        context.Cancel = true;
        Cancel();
    }

    private void Cancel()
    {
        try
        {
            _source.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The command already finished; nothing left to stop.
        }
    }
}
