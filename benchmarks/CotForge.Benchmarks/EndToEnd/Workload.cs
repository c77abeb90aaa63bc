using System.Globalization;
using System.Text;
using CotForge.Core.Search;
using CotForge.Llm.Simulation;
using CotForge.Pipeline;
using CotForge.Storage;
using Microsoft.Extensions.AI;

namespace CotForge.Benchmarks.EndToEnd;

/// <summary>
/// What every end-to-end benchmark and measurement runs: generated GSM8K-like inputs, the simulated provider, and the
/// pipeline as a library user builds it (every role on the one client, an LLM judge, fsync per commit group).
/// </summary>
internal static class Workload
{
    /// <summary>The simulated provider's seed; fixed so every run of a scenario does the same calls.</summary>
    public const int SimulationSeed = 1;

    /// <summary>A fresh directory under the temp folder (benchmarks write real files, never into the repository).</summary>
    public static string NewScratchDirectory(string name)
    {
        string root = Environment.GetEnvironmentVariable("COTFORGE_BENCH_TMP") is { Length: > 0 } custom
            ? custom
            : Path.Combine(Path.GetTempPath(), "cotforge-bench");
        string path = Path.Combine(root, name + "-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>Deletes a scratch directory, ignoring a file another process (an antivirus, an indexer) still holds.</summary>
    public static void DeleteScratchDirectory(string path)
    {
        try
        {
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    /// <summary>The question of row <paramref name="i"/>: unique per row, about as long as a GSM8K question.</summary>
    public static string Question(long i) =>
        string.Create(CultureInfo.InvariantCulture, $"A farmer has {i} ducks and buys 3 more each day for a week. Each duck lays 2 eggs a day. How many ducks does the farmer have at the end of the week?");

    /// <summary>The ground truth of row <paramref name="i"/>.</summary>
    public static string Answer(long i) => (i + 21).ToString(CultureInfo.InvariantCulture);

    /// <summary>Writes <paramref name="rows"/> rows as JSONL (<c>{"question","answer"}</c> per line); returns the path.</summary>
    public static string WriteJsonl(string directory, long rows)
    {
        string path = Path.Combine(directory, $"input-{rows}.jsonl");
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16);
        for (long i = 0; i < rows; i++)
        {
            writer.Write("{\"question\": \"");
            writer.Write(Question(i));
            writer.Write("\", \"answer\": \"");
            writer.Write(Answer(i));
            writer.Write("\"}\n");
        }

        return path;
    }

    /// <summary>Writes the same rows as CSV with a header; the question is quoted (it has commas in real data).</summary>
    public static string WriteCsv(string directory, long rows)
    {
        string path = Path.Combine(directory, $"input-{rows}.csv");
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16);
        writer.Write("question,answer\n");
        for (long i = 0; i < rows; i++)
        {
            writer.Write('"');
            writer.Write(Question(i));
            writer.Write("\",");
            writer.Write(Answer(i));
            writer.Write('\n');
        }

        return path;
    }

    /// <summary>The simulated provider with a fixed <paramref name="latency"/> per call and no faults.</summary>
    public static SimulatedChatClient Simulated(TimeSpan latency) =>
        new(new SimulationOptions { Seed = SimulationSeed, Latency = latency });

    /// <summary>The search algorithm of <paramref name="kind"/>, with its default settings.</summary>
    public static ISearchAlgorithm Search(SearchKind kind) => kind == SearchKind.Beam ? new BeamSearch() : new NaiveLinearSearch();

    /// <summary>
    /// The pipeline over <paramref name="baseDirectory"/>. <paramref name="inFlight"/> sets the items in flight and
    /// every stage's parallelism and capacity to the same value, so the only limit is the number of items in flight;
    /// null keeps the library defaults.
    /// </summary>
    public static CotForgePipeline Pipeline(
        string baseDirectory, SearchKind search, IChatClient client, int? inFlight = null, WriterOptions? writer = null, TimeSpan? progressInterval = null) =>
        new CotForgePipelineBuilder()
            .WithDataset("bench", baseDirectory)
            .WithSearch(Search(search))
            .WithSearchClient(client)
            .WithLlmJudge(client)
            .WithScorerClient(client)
            .WithPostProcessingClient(client)
            .WithWriterOptions(writer ?? new WriterOptions())
            .Configure(o =>
            {
                o.ProgressInterval = progressInterval ?? TimeSpan.FromHours(1);
                if (inFlight is { } n)
                {
                    o.MaxItemsInFlight = n;
                    o.SearchParallelism = o.VerifyParallelism = o.PostProcessParallelism = n;
                    o.SearchCapacity = o.VerifyCapacity = o.PostProcessCapacity = n;
                }
            })
            .Build();
}
