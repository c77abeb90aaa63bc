using System.Text.Json;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using CotForge.Core.Reasoning;

namespace CotForge.Benchmarks.Core;

/// <summary>
/// Writing and reading one results.jsonl line: a naive chain (4 nodes) and a default beam tree (16 nodes, 9 pruned).
/// Writing is the baseline: it runs once per item on the persist path; reading runs on export and post-processing.
/// </summary>
[MemoryDiagnoser]
public class TreeSerializationBenchmark
{
    private SearchResult _tree = null!;
    private byte[] _bytes = [];

    /// <summary>Nodes in the tree: a naive chain or a default beam search.</summary>
    [Params(4, 16)]
    public int Nodes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _tree = Nodes <= 4 ? Chain(Nodes) : Beam();
        _bytes = SearchTreeSerializer.SerializeToUtf8Bytes(_tree);
    }

    [Benchmark(Baseline = true)]
    public int Serialize() => SearchTreeSerializer.SerializeToUtf8Bytes(_tree).Length;

    [Benchmark]
    public int Deserialize() => SearchTreeSerializer.Deserialize(_bytes).AllNodes.Count;

    [Benchmark]
    public int DeserializeFromDocument()
    {
        using var document = JsonDocument.Parse(_bytes);
        return SearchTreeSerializer.Deserialize(document.RootElement).AllNodes.Count;
    }

    private static IReadOnlyList<CotStep> Steps(int i) =>
    [
        new(CotActions.Review, "Re-reading the question about apples and months."),
        new(CotActions.InnerThinking, $"48 / 2 = 24 in May; adding April gives {48 + i}.", "Compute"),
        new(CotActions.FinalConclusion, (70 + i).ToString(System.Globalization.CultureInfo.InvariantCulture)),
    ];

    private static ReasoningNode Node(int id, ReasoningNode? parent, string strategy) =>
        new("n" + id, strategy, new string('p', 1500), new string('r', 700), Steps(id), parent, new JsonObject
        {
            ["usage"] = new JsonObject { ["input_tokens"] = 512, ["output_tokens"] = 180 },
            ["model"] = "sim-1",
            ["elapsed_ms"] = 812.5,
            ["verification"] = "The candidate gives 71 where the reference says 72.",
        });

    private static SearchResult Chain(int length)
    {
        ReasoningNode? node = null;
        for (int i = 0; i < length; i++)
        {
            node = Node(i, node, i == 0 ? "initialize" : "correction");
        }

        node!.IsFinal = true;
        return new SearchResult("How many clips did Natalia sell?", "72", false, [node]);
    }

    private static SearchResult Beam()
    {
        int id = 0;
        var root = Node(id++, null, "initialize");
        var beams = new List<ReasoningNode> { root };
        for (int depth = 1; depth <= 3; depth++)
        {
            var candidates = beams.SelectMany(b => Enumerable.Range(0, 3).Select(_ => Node(id++, b, "validation"))).ToList();
            foreach (var pruned in candidates.Skip(2))
            {
                pruned.Pruned = true;
            }

            beams = candidates.Take(2).ToList();
        }

        foreach (var beam in beams)
        {
            beam.IsFinal = true;
        }

        return new SearchResult("How many clips did Natalia sell?", "72", false, beams);
    }
}
