using System.Globalization;
using System.Text.Json;
using BenchmarkDotNet.Running;

namespace CotForge.Benchmarks.Infrastructure;

/// <summary>
/// Numbers a benchmark measures besides its time (model calls per item, rounds per item), handed to the report's
/// columns through small files: the benchmark may run in a child process, the columns are computed in the host.
/// The host points <see cref="DirectoryVariable"/> at a fresh folder per run; children inherit it.
/// </summary>
internal static class RunMetrics
{
    public const string DirectoryVariable = "COTFORGE_BENCH_METRICS";

    private static string Folder => Environment.GetEnvironmentVariable(DirectoryVariable) is { Length: > 0 } folder
        ? folder
        : Path.Combine(Path.GetTempPath(), "cotforge-bench", "metrics");

    /// <summary>The key of a benchmark case: type, method and parameters sorted by name, formatted invariantly.</summary>
    public static string Key(string type, string method, IEnumerable<(string Name, object? Value)> parameters) =>
        type + "." + method + "(" + string.Join(",", parameters.OrderBy(p => p.Name, StringComparer.Ordinal)
            .Select(p => p.Name + "=" + Convert.ToString(p.Value, CultureInfo.InvariantCulture))) + ")";

    /// <summary>The key of <paramref name="benchmarkCase"/>, as the benchmark itself builds it with <see cref="Key(string, string, IEnumerable{ValueTuple{string, object}})"/>.</summary>
    public static string Key(BenchmarkCase benchmarkCase) => Key(
        benchmarkCase.Descriptor.Type.Name,
        benchmarkCase.Descriptor.WorkloadMethod.Name,
        benchmarkCase.Parameters.Items.Select(p => (p.Name, (object?)p.Value)));

    /// <summary>Stores <paramref name="values"/> for <paramref name="key"/>; the last iteration's numbers win.</summary>
    public static void Record(string key, IReadOnlyDictionary<string, double> values)
    {
        Directory.CreateDirectory(Folder);
        string path = Path.Combine(Folder, FileName(key));
        string temporary = path + "." + Environment.ProcessId + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(values));
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>The numbers stored for <paramref name="key"/>, or null.</summary>
    public static IReadOnlyDictionary<string, double>? Read(string key)
    {
        string path = Path.Combine(Folder, FileName(key));
        return File.Exists(path) ? JsonSerializer.Deserialize<Dictionary<string, double>>(File.ReadAllText(path)) : null;
    }

    /// <summary>Starts a run with an empty folder so no figure of an earlier run is shown.</summary>
    public static void UseFreshFolder(string folder)
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        Directory.CreateDirectory(folder);
        Environment.SetEnvironmentVariable(DirectoryVariable, folder);
    }

    private static string FileName(string key)
    {
        var name = key.Select(c => char.IsLetterOrDigit(c) || c is '.' or '=' or '-' ? c : '_').ToArray();
        return new string(name) + ".json";
    }
}
