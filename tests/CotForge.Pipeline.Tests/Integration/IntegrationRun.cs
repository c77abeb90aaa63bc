using System.Globalization;
using System.Text.Json.Nodes;
using CotForge.Core.Items;
using CotForge.Storage;

namespace CotForge.Pipeline.Tests.Integration;

/// <summary>
/// Shared pieces of the whole-path tests: pipelines built through <see cref="CotForgePipelineBuilder.WithLlm"/> over a
/// real dataset directory, and readers for the files a run leaves behind.
/// </summary>
internal static class IntegrationRun
{
    public static (List<string> Questions, List<string> Answers) Pairs(int count, int offset = 0) =>
        (Enumerable.Range(offset, count).Select(i => $"A crate holds {i} boxes of 7 apples. How many apples are in the crate?").ToList(),
         Enumerable.Range(offset, count).Select(i => (7 * i).ToString(CultureInfo.InvariantCulture)).ToList());

    public static List<string> Ids(IReadOnlyList<string> questions, IReadOnlyList<string> answers) =>
        questions.Select((q, i) => ItemId.Compute(q, answers[i])).ToList();

    /// <summary>A builder over <paramref name="baseDirectory"/> with a fast (flush, not fsync) writer; LLM roles come from the caller.</summary>
    public static CotForgePipelineBuilder Builder(string baseDirectory, int seed = 5) =>
        new CotForgePipelineBuilder()
            .WithDataset("integ", baseDirectory)
            // Durability itself is Storage's to test; flushing keeps these runs fast.
            .WithWriterOptions(new WriterOptions { Durability = DurabilityLevel.Flush, GroupCommitInterval = TimeSpan.FromMilliseconds(5) })
            .Configure(o => o.Seed = seed);

    public static List<JsonObject> Lines(CotForgePipeline pipeline, string file)
    {
        string path = Path.Combine(pipeline.Location.DirectoryPath, file);
        return File.Exists(path)
            ? File.ReadLines(path).Where(l => l.Length > 0).Select(l => JsonNode.Parse(l)!.AsObject()).ToList()
            : [];
    }

    public static List<string> ResultIds(CotForgePipeline pipeline) =>
        Lines(pipeline, "results.jsonl").Select(l => (string)l["id"]!).ToList();

    public static Dictionary<string, bool> Outcomes(CotForgePipeline pipeline) =>
        Lines(pipeline, "results.jsonl").ToDictionary(l => (string)l["id"]!, l => (bool)l["success"]!);

    public static JsonObject ReadJson(CotForgePipeline pipeline, string file) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(pipeline.Location.DirectoryPath, file)))!.AsObject();

    public static DatasetStatus Status(CotForgePipeline pipeline)
    {
        using var manager = PersistenceManager.Open(pipeline.Location);
        return manager.GetStatus();
    }

    /// <summary>Every file under <paramref name="directory"/> whose bytes contain <paramref name="secret"/> (UTF-8).</summary>
    public static List<string> FilesContaining(string directory, string secret)
    {
        byte[] needle = System.Text.Encoding.UTF8.GetBytes(secret);
        return Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
            .Where(f => File.ReadAllBytes(f).AsSpan().IndexOf(needle) >= 0)
            .ToList();
    }
}
