using System.Text;
using System.Text.Json.Nodes;
using CotForge.Core.Items;
using CotForge.Storage;

namespace CotForge.Cli.Tests.Support;

/// <summary>
/// Creates dataset directories with exactly the content a test needs: through the Storage writer (this project's
/// format), or by hand in the shape cot-forge writes (reasoning.jsonl with string chains).
/// </summary>
internal static class DatasetBuilder
{
    public static readonly DateTimeOffset Time = new(2025, 1, 2, 3, 4, 5, TimeSpan.Zero);

    /// <summary>One chain object as the post-processor writes it.</summary>
    public static JsonObject Chain(string nodeId, bool success, string reasoning, string answer) => new()
    {
        ["node_id"] = nodeId,
        ["success"] = success,
        ["natural_reasoning"] = reasoning,
        ["formal_answer"] = answer,
        ["full_response"] = $"<thinking>{reasoning}</thinking>\n\n{answer}",
    };

    public static CompletedItem Item(string question, string groundTruth, bool success, params JsonObject[] chains)
    {
        var tree = new JsonObject
        {
            ["adjacency_list"] = new JsonArray(new JsonArray(null, "n0")),
            ["node_map"] = new JsonObject
            {
                ["n0"] = new JsonObject
                {
                    ["id"] = "n0",
                    ["strategy"] = "initialize",
                    ["prompt"] = "p",
                    ["response"] = "r",
                    ["cot"] = new JsonArray(new JsonObject { ["action"] = "Final Conclusion", ["content"] = groundTruth }),
                    ["is_final"] = true,
                    ["success"] = success,
                    ["metadata"] = new JsonObject(),
                    ["pruned"] = false,
                },
            },
            ["question"] = question,
            ["ground_truth_answer"] = groundTruth,
            ["success"] = success,
            ["metadata"] = new JsonObject(),
        };
        return new CompletedItem(ItemId.Compute(question, groundTruth), question, groundTruth, success, Time,
            Encoding.UTF8.GetBytes(tree.ToJsonString()), chains);
    }

    public static async Task WriteAsync(string baseDir, string dataset, string search, params CompletedItem[] items)
    {
        using var manager = PersistenceManager.Open(DatasetLocation.Create(baseDir, dataset, search));
        var writer = manager.OpenWriter(new WriterOptions { GroupCommitInterval = TimeSpan.Zero });
        await using (writer)
        {
            writer.EnsureConfig(new JsonObject { ["dataset_name"] = dataset, ["search_name"] = search }, allowChange: false);
            foreach (var item in items)
            {
                await writer.AppendAsync(item);
            }
        }
    }

    /// <summary>A directory as cot-forge leaves it: results.jsonl, reasoning.jsonl with string chains, metadata.json.</summary>
    public static void WriteCotForgeDirectory(string baseDir, string dataset, string search, params (string Question, string Answer, bool Success, string[] Chains)[] items)
    {
        string dir = Path.Combine(baseDir, dataset, search);
        Directory.CreateDirectory(dir);
        var results = new StringBuilder();
        var reasoning = new StringBuilder();
        var ids = new JsonArray();
        foreach (var (question, answer, success, chains) in items)
        {
            string id = ItemId.Compute(question, answer);
            ids.Add(id);
            var tree = Item(question, answer, success).ResultJson;
            results.Append(new JsonObject
            {
                ["id"] = id,
                ["question"] = question,
                ["ground_truth"] = answer,
                ["success"] = success,
                ["timestamp"] = "2025-01-02T03:04:05",
                ["result"] = JsonNode.Parse(tree.Span),
            }.ToJsonString()).Append('\n');
            reasoning.Append(new JsonObject
            {
                ["id"] = id,
                ["question"] = question,
                ["ground_truth"] = answer,
                ["chain_of_thought_responses"] = new JsonArray([.. chains.Select(c => (JsonNode)JsonValue.Create(c))]),
            }.ToJsonString()).Append('\n');
        }

        File.WriteAllText(Path.Combine(dir, "results.jsonl"), results.ToString());
        File.WriteAllText(Path.Combine(dir, "reasoning.jsonl"), reasoning.ToString());
        File.WriteAllText(Path.Combine(dir, "config.json"), new JsonObject { ["dataset_name"] = dataset, ["search_name"] = search }.ToJsonString());
        File.WriteAllText(Path.Combine(dir, "metadata.json"), new JsonObject
        {
            ["dataset_name"] = dataset,
            ["search_name"] = search,
            ["completed_items"] = items.Length,
            ["successful_items"] = items.Count(i => i.Success),
            ["processed_ids"] = ids,
            ["last_updated"] = "2025-01-02T03:04:05",
        }.ToJsonString());
    }
}
