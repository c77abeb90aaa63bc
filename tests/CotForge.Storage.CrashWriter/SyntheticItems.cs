using System.Text;
using System.Text.Json.Nodes;
using CotForge.Core.Items;

namespace CotForge.Storage.CrashWriter;

/// <summary>Completed items with a SPEC §4-shaped search tree of a chosen size.</summary>
internal static class SyntheticItems
{
    private static readonly string Filler = string.Concat(Enumerable.Repeat("Let us reason step by step about the quantities involved. ", 400));

    public static CompletedItem Create(string question, string answer, bool success, int resultBytes, DateTimeOffset time)
    {
        string id = ItemId.Compute(question, answer);
        var tree = new JsonObject
        {
            ["adjacency_list"] = new JsonArray(new JsonArray(null, "n0"), new JsonArray("n0", "n1")),
            ["node_map"] = new JsonObject
            {
                ["n0"] = Node("n0", "initialize", Filler[..Math.Max(0, (resultBytes / 2) - 200)], answer, false, false),
                ["n1"] = Node("n1", "backtrack", Filler[..Math.Max(0, (resultBytes / 2) - 200)], answer, true, success),
            },
            ["question"] = question,
            ["ground_truth_answer"] = answer,
            ["success"] = success,
            ["metadata"] = new JsonObject { ["synthetic"] = true },
        };
        var chains = success
            ? new List<JsonObject> { new() { ["text"] = $"<thinking>{Filler[..200]}</thinking>\n\n{answer}" } }
            : [];
        return new CompletedItem(id, question, answer, success, time, Encoding.UTF8.GetBytes(tree.ToJsonString()), chains);
    }

    private static JsonObject Node(string id, string strategy, string response, string answer, bool isFinal, bool success) => new()
    {
        ["id"] = id,
        ["strategy"] = strategy,
        ["prompt"] = "[cotforge:strategy] <question>…</question>",
        ["response"] = response,
        ["cot"] = new JsonArray(
            new JsonObject { ["action"] = "Inner Thinking", ["title"] = "Setup", ["content"] = "Work it out." },
            new JsonObject { ["action"] = "Final Conclusion", ["content"] = answer }),
        ["is_final"] = isFinal,
        ["success"] = success,
        ["metadata"] = new JsonObject(),
        ["pruned"] = false,
    };
}
