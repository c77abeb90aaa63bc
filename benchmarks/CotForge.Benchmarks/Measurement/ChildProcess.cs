using System.Diagnostics;
using System.Text.Json.Nodes;

namespace CotForge.Benchmarks.Measurement;

/// <summary>
/// Runs one probe in a fresh process of this program (<c>measure probe ...</c>), so each repetition starts with a
/// clean heap and its own peak working set. The probe prints its figures as one line <c>@@RESULT {json}</c>.
/// </summary>
internal static class ChildProcess
{
    public const string ResultPrefix = "@@RESULT ";

    /// <summary>Probe argument that runs the probe with the server garbage collector (DOTNET_gcServer=1).</summary>
    public const string ServerGcFlag = "--server-gc";

    /// <summary>Probe argument that caps the GC's generation-0 budget at 32 MB (DOTNET_GCgen0size=0x2000000).</summary>
    public const string SmallGen0Flag = "--gen0-32mb";

    // Probe arguments that are not passed on but set the child's runtime environment. The gen0 budget can only be set
    // this way (runtimeconfig.json has no name for it).
    private static readonly Dictionary<string, (string Variable, string Value)> EnvironmentFlags = new(StringComparer.Ordinal)
    {
        [ServerGcFlag] = ("DOTNET_gcServer", "1"),
        [SmallGen0Flag] = ("DOTNET_GCgen0size", "0x2000000"),
    };

    public static async Task<JsonObject> RunProbeAsync(params string[] probeArgs)
    {
        string executable = Environment.ProcessPath ?? throw new InvalidOperationException("The path of this program is unknown.");
        var start = new ProcessStartInfo(executable) { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (string flag in probeArgs.Where(EnvironmentFlags.ContainsKey))
        {
            var (variable, value) = EnvironmentFlags[flag];
            start.Environment[variable] = value;
        }

        probeArgs = [.. probeArgs.Where(a => !EnvironmentFlags.ContainsKey(a))];
        if (Path.GetFileNameWithoutExtension(executable).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            start.ArgumentList.Add(typeof(ChildProcess).Assembly.Location);
        }

        start.ArgumentList.Add("measure");
        start.ArgumentList.Add("probe");
        foreach (string arg in probeArgs)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("The probe process did not start.");
        JsonObject? result = null;
        while (await process.StandardOutput.ReadLineAsync() is { } line)
        {
            if (line.StartsWith(ResultPrefix, StringComparison.Ordinal))
            {
                result = JsonNode.Parse(line[ResultPrefix.Length..])!.AsObject();
            }
            else
            {
                Console.WriteLine("  | " + line);
            }
        }

        await process.WaitForExitAsync();
        if (process.ExitCode != 0 || result is null)
        {
            throw new InvalidOperationException($"The probe '{string.Join(' ', probeArgs)}' failed with exit code {process.ExitCode}.");
        }

        return result;
    }
}
