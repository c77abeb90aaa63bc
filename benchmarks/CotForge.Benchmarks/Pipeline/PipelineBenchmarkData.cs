using System.Globalization;
using System.Text;
using CotForge.Core.Search;
using CotForge.Llm.Simulation;
using CotForge.Pipeline;
using CotForge.Storage;
using Microsoft.Extensions.AI;

namespace CotForge.Benchmarks.Pipeline;

/// <summary>Inputs and pipelines shared by the pipeline benchmarks: generated files and simulated clients.</summary>
internal static class PipelineBenchmarkData
{
    public static string NewDirectory(string name)
    {
        string path = Path.Combine(Path.GetTempPath(), "cotforge-bench", name + "-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>A GSM8K-like JSONL file: a question and a short numeric answer per line.</summary>
    public static string WriteJsonl(string directory, int rows)
    {
        string path = Path.Combine(directory, $"input-{rows}.jsonl");
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16);
        for (int i = 0; i < rows; i++)
        {
            writer.Write("{\"question\": \"A farmer has ");
            writer.Write(i.ToString(CultureInfo.InvariantCulture));
            writer.Write(" ducks and buys 3 more each day for a week. How many ducks does the farmer have at the end of the week?\", \"answer\": \"");
            writer.Write((i + 21).ToString(CultureInfo.InvariantCulture));
            writer.Write("\"}\n");
        }

        return path;
    }

    /// <summary>The same rows as CSV, with a quoted field containing a comma on every row.</summary>
    public static string WriteCsv(string directory, int rows)
    {
        string path = Path.Combine(directory, $"input-{rows}.csv");
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16);
        writer.Write("question,answer\n");
        for (int i = 0; i < rows; i++)
        {
            writer.Write("\"A farmer has ");
            writer.Write(i.ToString(CultureInfo.InvariantCulture));
            writer.Write(" ducks, and buys 3 more each day for a week. How many ducks does the farmer have?\",");
            writer.Write((i + 21).ToString(CultureInfo.InvariantCulture));
            writer.Write('\n');
        }

        return path;
    }

    public static CotForgePipeline Pipeline(string baseDirectory, bool beam, IChatClient client, Action<PipelineOptions>? configure = null) =>
        new CotForgePipelineBuilder()
            .WithDataset("bench", baseDirectory)
            .WithSearch(beam ? new BeamSearch() : new NaiveLinearSearch())
            .WithSearchClient(client)
            .WithLlmJudge(client)
            .WithScorerClient(client)
            .WithPostProcessingClient(client)
            .WithWriterOptions(new WriterOptions())
            .Configure(o =>
            {
                o.ProgressInterval = TimeSpan.FromHours(1);
                configure?.Invoke(o);
            })
            .Build();

    public static SimulatedChatClient Simulated(TimeSpan latency) => new(new SimulationOptions { Seed = 1, Latency = latency });
}
