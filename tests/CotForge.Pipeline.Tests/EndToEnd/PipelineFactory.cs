using CotForge.Core.Search;
using CotForge.Storage;

namespace CotForge.Pipeline.Tests.EndToEnd;

/// <summary>Pipelines over a real dataset directory, the real core and the simulated provider.</summary>
internal static class PipelineFactory
{
    public static CotForgePipelineBuilder Builder(
        string baseDirectory, ISearchAlgorithm? search = null, int seed = 0, int simulationSeed = 11, double errorRate = 0, TimeSpan? latency = null)
    {
        var client = Graph.GraphHarness.Simulated(simulationSeed, errorRate, latency);
        return new CotForgePipelineBuilder()
            .WithDataset("set", baseDirectory)
            .WithSearch(search ?? new NaiveLinearSearch())
            .WithSearchClient(client)
            .WithLlmJudge(client)
            .WithScorerClient(client)
            .WithPostProcessingClient(client)
            // Flush (not fsync) keeps the suite fast; durability itself is Storage's to test.
            .WithWriterOptions(new WriterOptions { Durability = DurabilityLevel.Flush, GroupCommitInterval = TimeSpan.FromMilliseconds(5) })
            .Configure(o => o.Seed = seed);
    }

    public static List<string> ResultIds(CotForgePipeline pipeline) => JsonLines(pipeline, "results.jsonl", "id");

    public static List<string> JsonLines(CotForgePipeline pipeline, string file, string property)
    {
        string path = Path.Combine(pipeline.Location.DirectoryPath, file);
        if (!File.Exists(path))
        {
            return [];
        }

        return File.ReadLines(path)
            .Where(l => l.Length > 0)
            .Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement.GetProperty(property).ToString())
            .ToList();
    }
}
