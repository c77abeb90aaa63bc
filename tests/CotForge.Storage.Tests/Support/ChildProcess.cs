using System.Diagnostics;

namespace CotForge.Storage.Tests.Support;

/// <summary>A real child process that is killed (SIGKILL) when disposed, so no test leaves one running.</summary>
internal sealed class ChildProcess : IDisposable
{
    private ChildProcess(Process process) => Process = process;

    public Process Process { get; }

    public int Id => Process.Id;

    public DateTime StartTime => Process.StartTime;

    public static ChildProcess Sleep() =>
        new(Process.Start(new ProcessStartInfo("sleep", "30") { UseShellExecute = false }) ?? throw new InvalidOperationException("could not start sleep"));

    public void Dispose()
    {
        try
        {
            if (!Process.HasExited)
            {
                Process.Kill();
                Process.WaitForExit();
            }
        }
        finally
        {
            Process.Dispose();
        }
    }
}
