using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CotForge.Benchmarks.EndToEnd;
using CotForge.Core.Items;
using CotForge.Storage;

namespace CotForge.Benchmarks.Measurement;

/// <summary>Completed items of a chosen size with the SPEC §4 tree shape, for the storage measurements.</summary>
internal sealed class StorageRecords
{
    private readonly byte[] _tree;
    private readonly IReadOnlyList<JsonObject> _chains;

    public StorageRecords(int resultBytes)
    {
        _tree = Tree(resultBytes);
        _chains = [new JsonObject { ["NaturalReasoning"] = "<thinking>Seven days of three ducks is 21 more ducks.</thinking>\n\n21", ["formal_answer"] = "21" }];
    }

    /// <summary>The size of one results.jsonl line's tree.</summary>
    public int TreeBytes => _tree.Length;

    public CompletedItem Item(long i)
    {
        string question = Workload.Question(i);
        string answer = Workload.Answer(i);
        return new CompletedItem(ItemId.Compute(question, answer), question, answer, i % 3 != 0, DateTimeOffset.UtcNow, _tree, _chains);
    }

    public static string Id(long i) => ItemId.Compute(Workload.Question(i), Workload.Answer(i));

    private static byte[] Tree(int bytes)
    {
        var filler = new StringBuilder();
        while (filler.Length < Math.Max(0, bytes - 700))
        {
            filler.Append("Each day adds three ducks, so after seven days there are 21 more. ");
        }

        var tree = new JsonObject
        {
            ["adjacency_list"] = new JsonArray(new JsonArray(null, "n0")),
            ["node_map"] = new JsonObject
            {
                ["n0"] = new JsonObject
                {
                    ["id"] = "n0",
                    ["strategy"] = "initialize",
                    ["prompt"] = "[cotforge:strategy]\n<question>How many ducks?</question>",
                    ["response"] = filler.ToString(),
                    ["cot"] = new JsonArray(new JsonObject { ["action"] = "Final Conclusion", ["content"] = "21" }),
                    ["is_final"] = true,
                    ["success"] = true,
                    ["metadata"] = new JsonObject { ["model"] = "sim", ["input_tokens"] = 512, ["output_tokens"] = 180 },
                    ["pruned"] = false,
                },
            },
            ["question"] = "How many ducks?",
            ["ground_truth_answer"] = "21",
            ["success"] = true,
            ["metadata"] = new JsonObject(),
        };
        return JsonSerializer.SerializeToUtf8Bytes(tree);
    }
}
