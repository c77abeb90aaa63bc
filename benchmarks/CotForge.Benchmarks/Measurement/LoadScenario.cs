using System.Diagnostics;
using CotForge.Benchmarks.EndToEnd;
using CotForge.Pipeline.Load;

namespace CotForge.Benchmarks.Measurement;

/// <summary>The loaders alone on 1M rows: CSV and JSONL rows/s and MB/s, streamed through <see cref="InputLoader"/>.</summary>
internal sealed class LoadScenario : Scenario
{
    public override string Name => "load";

    public override string Description => "CSV and JSONL loading of 1M rows: rows/s and MB/s";

    public override async Task RunAsync(MeasureOptions options, string scratch)
    {
        long rows = options.Items ?? 1_000_000;
        var table = new List<IReadOnlyList<string>>();
        foreach (var (format, path) in new[] { ("JSONL", Workload.WriteJsonl(scratch, rows)), ("CSV", Workload.WriteCsv(scratch, rows)) })
        {
            double megabytes = new FileInfo(path).Length / 1e6;
            var perSecond = new List<double>();
            for (int r = 0; r < options.Repeat; r++)
            {
                var clock = Stopwatch.StartNew();
                long read = 0;
                await foreach (InputRow row in InputLoader.ReadAsync(path))
                {
                    read += row.Question.Length > 0 ? 1 : 0;
                }

                double seconds = clock.Elapsed.TotalSeconds;
                if (read != rows)
                {
                    throw new InvalidOperationException($"{format}: read {read} rows of {rows}.");
                }

                perSecond.Add(rows / seconds);
            }

            File.Delete(path);
            table.Add([format, Stats.Number(rows), Stats.Number(megabytes, "N1"), Stats.Summary(perSecond), Stats.Summary(perSecond.Select(p => p * megabytes / rows).ToList(), "N1")]);
        }

        var report = new MeasurementReport(Name, "Loading: CSV and JSONL");
        report.Paragraph("GSM8K-like rows (a ~170-character question, a short answer), read through InputLoader.ReadAsync (field mapping, validation, UTF-8 checks), file in the page cache.");
        report.Table(["Format", "Rows", "File (MB)", "Rows/s", "MB/s"], table);
        report.Publish(options);
    }
}
