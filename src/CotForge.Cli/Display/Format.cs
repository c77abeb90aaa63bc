using System.Globalization;

namespace CotForge.Cli.Display;

/// <summary>Number formatting shared by the live display, the plain log and the tables: invariant, readable.</summary>
internal static class Format
{
    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Percent(double ratio) => (ratio * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    /// <summary>Items per second: "45.1 items/s".</summary>
    public static string Rate(double perSecond) => perSecond.ToString(perSecond >= 100 ? "0" : "0.0", CultureInfo.InvariantCulture) + " items/s";

    /// <summary>Elapsed time as a clock: 00:42, 12:05, 1:02:03.</summary>
    public static string Clock(TimeSpan span) => span.TotalHours >= 1
        ? $"{(int)span.TotalHours}:{span.Minutes:00}:{span.Seconds:00}"
        : $"{span.Minutes:00}:{span.Seconds:00}";

    public static string Duration(TimeSpan span) => span.TotalHours >= 1
        ? $"{(int)span.TotalHours}h{span.Minutes:00}m"
        : span.TotalMinutes >= 1
            ? $"{(int)span.TotalMinutes}m{span.Seconds:00}s"
            : span.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + "s";
}
