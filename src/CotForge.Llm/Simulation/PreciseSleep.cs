using System.Diagnostics;
using System.Runtime.InteropServices;

namespace CotForge.Llm.Simulation;

/// <summary>
/// Sleeps for less than a millisecond where the C library's <c>nanosleep</c> is available (Linux, macOS); the
/// runtime's own waits count whole milliseconds.
/// </summary>
internal static class PreciseSleep
{
    /// <summary>True on Linux and macOS.</summary>
    public static bool IsSupported { get; } = OperatingSystem.IsLinux() || OperatingSystem.IsMacOS();

    /// <summary>
    /// Sleeps at least <paramref name="stopwatchTicks"/> (<see cref="Stopwatch"/> ticks); a sleep that a signal ends
    /// early (the runtime suspends threads with signals) sleeps again for the rest.
    /// </summary>
    public static void For(long stopwatchTicks)
    {
        long until = Stopwatch.GetTimestamp() + stopwatchTicks;
        for (long left = stopwatchTicks; left > 0; left = until - Stopwatch.GetTimestamp())
        {
            long nanoseconds = (long)(left * (1_000_000_000.0 / Stopwatch.Frequency)) + 1;
            var request = new TimeSpec { Seconds = (nint)(nanoseconds / 1_000_000_000), Nanoseconds = (nint)(nanoseconds % 1_000_000_000) };
            _ = NanoSleep(ref request, IntPtr.Zero);
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public nint Seconds;
        public nint Nanoseconds;
    }

    [DllImport("libc", EntryPoint = "nanosleep")]
    private static extern int NanoSleep(ref TimeSpec request, IntPtr remaining);
}
