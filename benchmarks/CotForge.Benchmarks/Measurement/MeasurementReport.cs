using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace CotForge.Benchmarks.Measurement;

/// <summary>A scenario's findings as markdown: a heading, the machine, tables and notes; printed and written to a file.</summary>
internal sealed class MeasurementReport(string scenario, string title)
{
    private readonly StringBuilder _body = new();

    public string Scenario { get; } = scenario;

    public void Paragraph(string text) => _body.Append(text).Append("\n\n");

    public void Table(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        _body.Append("| ").AppendJoin(" | ", header).Append(" |\n");
        _body.Append('|').AppendJoin("|", header.Select(_ => "---")).Append("|\n");
        foreach (var row in rows)
        {
            _body.Append("| ").AppendJoin(" | ", row).Append(" |\n");
        }

        _body.Append('\n');
    }

    public string ToMarkdown(MeasureOptions options) =>
        $"## {title}\n\n" + $"_{Machine()}; {options.Repeat} run(s) per figure, median (min–max); " +
        $"`dotnet run -c Release --project benchmarks/CotForge.Benchmarks -- measure {Scenario.Split('-')[0]}{(Scenario.Contains('-', StringComparison.Ordinal) ? " --sizes " + Scenario[(Scenario.IndexOf('-', StringComparison.Ordinal) + 1)..].Replace('-', ',') : string.Empty)}{(options.Repeat != 3 ? $" --repeat {options.Repeat}" : string.Empty)}`_\n\n" + _body;

    /// <summary>Writes measure-&lt;scenario&gt;.md to the output directory (if any) and prints it.</summary>
    public void Publish(MeasureOptions options)
    {
        string markdown = ToMarkdown(options);
        Console.WriteLine();
        Console.WriteLine(markdown);
        if (options.OutputDirectory is { } directory)
        {
            Directory.CreateDirectory(directory);
            string path = Path.Combine(directory, $"measure-{Scenario}.md");
            File.WriteAllText(path, markdown);
            Console.WriteLine($"// written: {path}");
        }
    }

    /// <summary>One line about the machine: date, CPU count, memory, OS, .NET, and the load when the run started.</summary>
    public static string Machine()
    {
        string load = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";
        long memory = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        return $"{DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} CPUs, {memory / (1024.0 * 1024 * 1024):F0} GiB, " +
               $"{RuntimeInformation.OSDescription.Trim()}, .NET {Environment.Version}, load average {load} at start";
    }

    /// <summary>The 1-minute load average now (NaN where unknown).</summary>
    public static double LoadAverage() =>
        File.Exists("/proc/loadavg") && double.TryParse(File.ReadAllText("/proc/loadavg").Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture, out double load)
            ? load
            : double.NaN;

    /// <summary>This process's peak working set in MiB (VmHWM on Linux).</summary>
    public static double PeakWorkingSetMb()
    {
        using var process = Process.GetCurrentProcess();
        return process.PeakWorkingSet64 / (1024.0 * 1024);
    }

    /// <summary>
    /// The resident set now, split as Linux reports it: anonymous memory (heaps) and file-backed pages (mapped code and
    /// the memory-mapped index); null where /proc is not there.
    /// </summary>
    public static (double AnonMb, double FileMb)? ResidentSplitMb()
    {
        const string status = "/proc/self/status";
        if (!File.Exists(status))
        {
            return null;
        }

        double anon = 0, file = 0;
        foreach (string line in File.ReadLines(status))
        {
            if (line.StartsWith("RssAnon:", StringComparison.Ordinal))
            {
                anon = ParseKb(line) / 1024;
            }
            else if (line.StartsWith("RssFile:", StringComparison.Ordinal))
            {
                file = ParseKb(line) / 1024;
            }
        }

        return (anon, file);

        static double ParseKb(string line) =>
            double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture);
    }
}
