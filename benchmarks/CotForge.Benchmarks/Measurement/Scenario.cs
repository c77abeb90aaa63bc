using System.Globalization;
using System.Text.Json.Nodes;
using CotForge.Benchmarks.EndToEnd;

namespace CotForge.Benchmarks.Measurement;

/// <summary>A named measurement of <c>measure</c>: runs its repetitions and publishes one markdown report.</summary>
internal abstract class Scenario
{
    public abstract string Name { get; }

    public abstract string Description { get; }

    public abstract Task RunAsync(MeasureOptions options, string scratch);

    /// <summary>Runs a pipeline or naive probe <paramref name="repeat"/> times in fresh processes, each in a new output directory.</summary>
    protected static async Task<List<JsonObject>> RepeatProbeAsync(int repeat, string scratch, string probe, string input, params string[] extra)
    {
        var results = new List<JsonObject>();
        for (int r = 0; r < repeat; r++)
        {
            string work = Path.Combine(scratch, $"{probe}-{Guid.NewGuid():N}");
            try
            {
                Console.WriteLine($"// {probe} {Path.GetFileName(input)} {string.Join(' ', extra)} — run {r + 1}/{repeat}, load {MeasurementReport.LoadAverage():F1}");
                results.Add(await ChildProcess.RunProbeAsync([probe, "--input", input, "--work", work, .. extra]));
            }
            finally
            {
                Workload.DeleteScratchDirectory(work);
            }
        }

        return results;
    }

    protected static List<double> Values(IEnumerable<JsonObject> results, string name) =>
        results.Select(r => r[name]!.GetValue<double>()).ToList();

    protected static double MedianOf(IEnumerable<JsonObject> results, string name) => Stats.Median(Values(results, name));

    protected static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);
}
