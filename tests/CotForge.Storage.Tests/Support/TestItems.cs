using System.Text;
using System.Text.Json.Nodes;
using CotForge.Core.Items;

namespace CotForge.Storage.Tests.Support;

/// <summary>Builds completed items whose result JSON has the SPEC §4 shape, of a chosen size.</summary>
internal static class TestItems
{
    public static readonly DateTimeOffset Time = new(2025, 3, 4, 5, 6, 7, 123, TimeSpan.Zero);

    public static string Question(int n, string prefix = "q") => $"{prefix}{n}: what is {n} + {n}?";

    public static string Answer(int n) => (2 * n).ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static string Id(int n, string prefix = "q") => ItemId.Compute(Question(n, prefix), Answer(n));

    public static CompletedItem Item(int n, bool success = true, int resultBytes = 600, string prefix = "q", string? marker = null)
    {
        string question = Question(n, prefix);
        string answer = Answer(n);
        var tree = new JsonObject
        {
            ["adjacency_list"] = new JsonArray(new JsonArray(null, "n0")),
            ["node_map"] = new JsonObject
            {
                ["n0"] = new JsonObject
                {
                    ["id"] = "n0",
                    ["strategy"] = "initialize",
                    ["prompt"] = "[cotforge:strategy] é ü \"quoted\" <tag>",
                    ["response"] = Filler(resultBytes),
                    ["cot"] = new JsonArray(new JsonObject { ["action"] = "Final Conclusion", ["content"] = answer }),
                    ["is_final"] = true,
                    ["success"] = success,
                    ["metadata"] = new JsonObject { ["marker"] = marker },
                    ["pruned"] = false,
                },
            },
            ["question"] = question,
            ["ground_truth_answer"] = answer,
            ["success"] = success,
            ["metadata"] = new JsonObject(),
        };
        var chains = success
            ? new List<JsonObject> { new() { ["text"] = $"<thinking>{n} plus {n}</thinking>\n\n{answer}" } }
            : new List<JsonObject>();
        return new CompletedItem(ItemId.Compute(question, answer), question, answer, success, Time, Encoding.UTF8.GetBytes(tree.ToJsonString()), chains);
    }

    private static string Filler(int length)
    {
        var text = new StringBuilder(length);
        while (text.Length < length)
        {
            text.Append("step by step reasoning ");
        }

        return text.ToString(0, length);
    }
}
