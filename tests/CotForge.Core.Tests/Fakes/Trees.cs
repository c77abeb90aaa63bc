using System.Text.Json.Nodes;
using CotForge.Core.Reasoning;

namespace CotForge.Core.Tests.Fakes;

/// <summary>Hand-built trees in the shapes the two searches produce.</summary>
internal static class Trees
{
    public static IReadOnlyList<CotStep> Steps(string answer, string title = "Work") =>
    [
        new(CotActions.Review, "Reading the question."),
        new(CotActions.InnerThinking, "Working <it> out \"carefully\".", title),
        new(CotActions.FinalConclusion, answer),
    ];

    /// <summary>initialize → correction → validation, the last verified.</summary>
    public static SearchResult Naive()
    {
        var root = new ReasoningNode("n0", "initialize", "[cotforge:strategy-step]\n<question>\nQ?\n</question>", "{\"CoT\": []}", Steps("41"));
        root.Metadata["usage"] = new JsonObject { ["input_tokens"] = 100, ["output_tokens"] = 20 };
        root.Metadata["verification"] = "41 is not 42.";
        var second = new ReasoningNode("n1", "correction", "prompt 2", "response 2", Steps("40"), root);
        var last = new ReasoningNode("n2", "validation", "prompt 3", "response 3", Steps("42"), second, new JsonObject { ["model"] = "m", ["elapsed_ms"] = 12.5 })
        {
            IsFinal = true,
            Success = true,
        };
        return new SearchResult("What is 6 x 7?", "42", true, [last], new JsonObject { ["algorithm"] = "naive_linear_search", ["depth"] = 2 });
    }

    /// <summary>A root, three candidates (one pruned), and a second expansion with pruned nodes; one beam verified.</summary>
    public static SearchResult Beam()
    {
        var root = new ReasoningNode("n0", "initialize", "p0", "r0", Steps("40"));
        var a = new ReasoningNode("n1", "correction", "p1", "r1", Steps("41"), root) { Metadata = { ["score"] = 0.8 } };
        var b = new ReasoningNode("n2", "validation", "p2", "r2", Steps("39"), root) { Metadata = { ["score"] = 0.6 } };
        _ = new ReasoningNode("n3", "explore_new_paths", "p3", "r3", Steps("12"), root) { Pruned = true, Metadata = { ["score"] = 0.1 } };
        var a1 = new ReasoningNode("n4", "backtrack", "p4", "r4", Steps("42"), a) { IsFinal = true, Success = true };
        _ = new ReasoningNode("n5", "correction", "p5", "r5", Steps("7"), a) { Pruned = true };
        var b1 = new ReasoningNode("n6", "validation", "p6", "r6", null, b) { IsFinal = true };
        _ = new ReasoningNode("n7", null, "p7", "", Steps("0"), b) { Pruned = true };
        return new SearchResult("What is 6 x 7?", "42", true, [a1, b1], new JsonObject { ["algorithm"] = "beam_search" });
    }
}
