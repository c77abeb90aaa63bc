using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using CotForge.Core.Items;
using CotForge.Storage;

namespace CotForge.Benchmarks.Storage;

/// <summary>
/// Shared inputs of the storage benchmarks. Sizes are small by default so a dry run stays cheap; set
/// <c>COTFORGE_BENCH_LARGE=1</c> to add the sizes (1M-item index and directory, 50k × 6 KB appends).
/// </summary>
internal static class StorageBenchmarkData
{
    public const int RecordBytes = 6000;

    public static bool Large => Environment.GetEnvironmentVariable("COTFORGE_BENCH_LARGE") == "1";

    public static string NewWorkDirectory(string name)
    {
        string path = Path.Combine(Path.GetTempPath(), "cotforge-bench", name, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }

    public static void Delete(string? path)
    {
        if (path is not null && Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
        }
    }

    /// <summary>64 distinct ~6 KB items; benchmarks vary the question (and so the id) per appended item.</summary>
    public static IReadOnlyList<CompletedItem> Pool(int resultBytes = RecordBytes - 600)
    {
        string filler = string.Concat(Enumerable.Repeat("Let us reason step by step about the quantities involved. ", 1 + (resultBytes / 50)));
        var now = DateTimeOffset.UtcNow;
        return Enumerable.Range(0, 64).Select(i =>
        {
            string answer = i.ToString(CultureInfo.InvariantCulture);
            var tree = new JsonObject
            {
                ["adjacency_list"] = new JsonArray(new JsonArray(null, "n0")),
                ["node_map"] = new JsonObject
                {
                    ["n0"] = new JsonObject
                    {
                        ["id"] = "n0", ["strategy"] = "initialize", ["prompt"] = "[cotforge:strategy]",
                        ["response"] = filler[..resultBytes], ["cot"] = new JsonArray(), ["is_final"] = true,
                        ["success"] = true, ["metadata"] = new JsonObject(), ["pruned"] = false,
                    },
                },
                ["question"] = "q", ["ground_truth_answer"] = answer, ["success"] = true, ["metadata"] = new JsonObject(),
            };
            var chains = new List<JsonObject> { new() { ["text"] = $"<thinking>{filler[..200]}</thinking>\n\n{answer}" } };
            return new CompletedItem(ItemId.Compute("q", answer), "q", answer, i % 5 != 0, now, Encoding.UTF8.GetBytes(tree.ToJsonString()), chains);
        }).ToList();
    }

    public static CompletedItem Vary(IReadOnlyList<CompletedItem> pool, string prefix, long i)
    {
        var template = pool[(int)(i % pool.Count)];
        string question = string.Create(CultureInfo.InvariantCulture, $"{prefix} {i}");
        return template with { Id = ItemId.Compute(question, template.GroundTruth), Question = question };
    }

    /// <summary>Writes <paramref name="items"/> items through the writer (fast settings: large groups, no fsync).</summary>
    public static DatasetLocation Build(string baseDirectory, int items, int resultBytes)
    {
        var location = DatasetLocation.Create(baseDirectory, "bench", "naive_linear_search");
        var pool = Pool(resultBytes);
        using var manager = PersistenceManager.Open(location);
        var writer = manager.OpenWriter(new WriterOptions { GroupCommitItems = 4096, QueueCapacity = 8192, Durability = DurabilityLevel.None });
        for (int i = 0; i < items; i++)
        {
            writer.AppendAsync(Vary(pool, "item", i)).AsTask().GetAwaiter().GetResult();
        }

        writer.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return location;
    }
}
