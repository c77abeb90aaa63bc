using System.Text;
using System.Text.Json;
using CotForge.Core.Reasoning;
using CotForge.Core.Tests.Fakes;

namespace CotForge.Core.Tests.Reasoning;

public sealed class SearchTreeSerializerTests
{
    [Fact]
    public void SerializeToUtf8Bytes_NaiveTree_RoundTripsByteForByte()
    {
        byte[] first = SearchTreeSerializer.SerializeToUtf8Bytes(Trees.Naive());

        var back = SearchTreeSerializer.Deserialize(first);
        byte[] second = SearchTreeSerializer.SerializeToUtf8Bytes(back);

        Assert.Equal(Encoding.UTF8.GetString(first), Encoding.UTF8.GetString(second));
    }

    [Fact]
    public void SerializeToUtf8Bytes_BeamTreeWithPrunedNodes_RoundTripsByteForByte()
    {
        byte[] first = SearchTreeSerializer.SerializeToUtf8Bytes(Trees.Beam());

        byte[] second = SearchTreeSerializer.SerializeToUtf8Bytes(SearchTreeSerializer.Deserialize(first));

        Assert.Equal(Encoding.UTF8.GetString(first), Encoding.UTF8.GetString(second));
    }

    [Fact]
    public void SerializeToRentedArray_BeamTree_WritesTheSameBytesIntoAnArrayFromThePool()
    {
        var pool = new CountingPool();
        byte[] expected = SearchTreeSerializer.SerializeToUtf8Bytes(Trees.Beam());

        ArraySegment<byte> json = SearchTreeSerializer.SerializeToRentedArray(Trees.Beam(), pool);

        Assert.Equal(expected, json.AsSpan().ToArray());
        Assert.Equal(0, json.Offset);
        Assert.Same(pool.LastRented, json.Array);
        Assert.Equal(1, pool.Rents);
    }

    private sealed class CountingPool : System.Buffers.ArrayPool<byte>
    {
        public int Rents { get; private set; }

        public byte[]? LastRented { get; private set; }

        // Larger than asked, as real pools hand out: the segment, not the array, is the JSON.
        public override byte[] Rent(int minimumLength)
        {
            Rents++;
            return LastRented = new byte[minimumLength + 100];
        }

        public override void Return(byte[] array, bool clearArray = false)
        {
        }
    }

    [Fact]
    public void Deserialize_BeamTree_RestoresStructureFlagsAndTerminalNodes()
    {
        var original = Trees.Beam();

        var back = SearchTreeSerializer.Deserialize(SearchTreeSerializer.SerializeToUtf8Bytes(original));

        Assert.Equal(original.AllNodes.Select(n => n.Id), back.AllNodes.Select(n => n.Id));
        foreach (var (a, b) in original.AllNodes.Zip(back.AllNodes))
        {
            Assert.Equal(a.Parent?.Id, b.Parent?.Id);
            Assert.Equal(a.Children.Select(c => c.Id), b.Children.Select(c => c.Id));
            Assert.Equal((a.IsFinal, a.Success, a.Pruned, a.Strategy, a.Prompt, a.Response, a.Depth), (b.IsFinal, b.Success, b.Pruned, b.Strategy, b.Prompt, b.Response, b.Depth));
            Assert.Equal(a.Cot, b.Cot);
            Assert.Equal(a.Metadata.ToJsonString(), b.Metadata.ToJsonString());
        }

        Assert.Equal(["n4", "n6"], back.TerminalNodes.Select(n => n.Id));
        Assert.Equal(["n4"], back.SuccessfulNodes.Select(n => n.Id));
        Assert.Equal(["n3", "n5", "n7"], back.AllNodes.Where(n => n.Pruned).Select(n => n.Id));
        Assert.True(back.Success);
        Assert.Equal("beam_search", back.Metadata["algorithm"]!.GetValue<string>());
    }

    [Fact]
    public void Write_Node_HasExactlyTheNineSpecKeys()
    {
        using var doc = JsonDocument.Parse(SearchTreeSerializer.SerializeToUtf8Bytes(Trees.Beam()));

        foreach (var node in doc.RootElement.GetProperty("node_map").EnumerateObject())
        {
            Assert.Equal(
                ["id", "strategy", "prompt", "response", "cot", "is_final", "success", "metadata", "pruned"],
                node.Value.EnumerateObject().Select(p => p.Name));
        }
    }

    [Fact]
    public void Write_Tree_HasSpecTopLevelShape()
    {
        using var doc = JsonDocument.Parse(SearchTreeSerializer.SerializeToUtf8Bytes(Trees.Naive()));
        var root = doc.RootElement;

        Assert.Equal(["adjacency_list", "node_map", "question", "ground_truth_answer", "success", "metadata"], root.EnumerateObject().Select(p => p.Name));
        var edges = root.GetProperty("adjacency_list").EnumerateArray().Select(e => (e[0].ValueKind == JsonValueKind.Null ? null : e[0].GetString(), e[1].GetString())).ToList();
        Assert.Equal([(null, "n0"), ("n0", "n1"), ("n1", "n2")], edges);
        Assert.Equal("42", root.GetProperty("ground_truth_answer").GetString());
    }

    [Fact]
    public void Write_CotSteps_OmitNullTitleAndWriteStrategyName()
    {
        using var doc = JsonDocument.Parse(SearchTreeSerializer.SerializeToUtf8Bytes(Trees.Beam()));
        var nodes = doc.RootElement.GetProperty("node_map");

        var review = nodes.GetProperty("n0").GetProperty("cot")[0];
        Assert.Equal(["action", "content"], review.EnumerateObject().Select(p => p.Name));
        Assert.Equal(["action", "title", "content"], nodes.GetProperty("n0").GetProperty("cot")[1].EnumerateObject().Select(p => p.Name));
        Assert.Equal("initialize", nodes.GetProperty("n0").GetProperty("strategy").GetString());
        Assert.Equal(JsonValueKind.Null, nodes.GetProperty("n7").GetProperty("strategy").ValueKind);
        Assert.Equal(JsonValueKind.Null, nodes.GetProperty("n6").GetProperty("cot").ValueKind);
    }

    [Fact]
    public void SerializeToUtf8Bytes_PromptTags_AreNotHtmlEscaped()
    {
        string json = Encoding.UTF8.GetString(SearchTreeSerializer.SerializeToUtf8Bytes(Trees.Naive()));

        Assert.Contains("<question>", json, StringComparison.Ordinal);
        Assert.Contains("Working <it> out \\\"carefully\\\".", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_ToCallerWriter_ProducesSameJson()
    {
        var result = Trees.Naive();
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            SearchTreeSerializer.Write(writer, result);
        }

        Assert.Equal(SearchTreeSerializer.SerializeToUtf8Bytes(result), stream.ToArray());
    }

    [Fact]
    public void Deserialize_CotForgeStyleTree_WithUuidIdsAndNoPrunedKey_Reads()
    {
        const string json = """
        {"adjacency_list": [[null, "6f1c"], ["6f1c", "9a2b"]],
         "node_map": {
           "6f1c": {"id": "6f1c", "strategy": "initialize", "prompt": "p", "response": "r",
                    "cot": [{"action": "Review", "content": "x"}, {"action": "Final Conclusion", "content": "Paris"}],
                    "is_final": false, "success": false, "metadata": {"is_initial": true}},
           "9a2b": {"id": "9a2b", "strategy": {"name": "backtrack", "description": "d"}, "prompt": "p2", "response": null,
                    "cot": null, "is_final": true, "success": true, "metadata": null}},
         "question": "Capital of France?", "ground_truth_answer": "Paris", "success": true, "metadata": {}}
        """;
        using var doc = JsonDocument.Parse(json);

        var result = SearchTreeSerializer.Deserialize(doc.RootElement);

        Assert.Equal(["6f1c", "9a2b"], result.AllNodes.Select(n => n.Id));
        Assert.Equal("backtrack", result.TerminalNodes.Single().Strategy);
        Assert.Equal(string.Empty, result.TerminalNodes.Single().Response);
        Assert.False(result.AllNodes[0].Pruned);
        Assert.Equal("Paris", result.AllNodes[0].FinalAnswer);
        Assert.True(result.AllNodes[0].Metadata["is_initial"]!.GetValue<bool>());
    }

    [Fact]
    public void Deserialize_DisposedSourceDocument_MetadataStaysReadable()
    {
        var bytes = SearchTreeSerializer.SerializeToUtf8Bytes(Trees.Naive());
        SearchResult result;
        using (var doc = JsonDocument.Parse(bytes))
        {
            result = SearchTreeSerializer.Deserialize(doc.RootElement);
        }

        Assert.Equal(100, result.AllNodes[0].Metadata["usage"]!["input_tokens"]!.GetValue<int>());
    }

    private const string Valid =
        """{"adjacency_list": [[null, "a"], ["a", "b"]], "node_map": {"a": NODE_A, "b": NODE_B}, "question": "q", "ground_truth_answer": "g", "success": false, "metadata": {}}""";

    private const string NodeA = """{"id": "a", "strategy": "initialize", "prompt": "p", "response": "r", "cot": null, "is_final": false, "success": false, "metadata": {}, "pruned": false}""";

    private const string NodeB = """{"id": "b", "strategy": "correction", "prompt": "p", "response": "r", "cot": null, "is_final": true, "success": false, "metadata": {}, "pruned": false}""";

    private static string Tree(string? a = null, string? b = null, string? adjacency = null) =>
        Valid.Replace("NODE_A", a ?? NodeA, StringComparison.Ordinal)
             .Replace("NODE_B", b ?? NodeB, StringComparison.Ordinal)
             .Replace("""[[null, "a"], ["a", "b"]]""", adjacency ?? """[[null, "a"], ["a", "b"]]""", StringComparison.Ordinal);

    public static TheoryData<string, string, string?, string?> Malformed() => new()
    {
        { "[1, 2]", "must be a JSON object", null, null },
        { Tree().Replace("\"adjacency_list\"", "\"edges\"", StringComparison.Ordinal), "missing required key 'adjacency_list'", null, "adjacency_list" },
        { Tree().Replace("\"question\": \"q\"", "\"question\": 7", StringComparison.Ordinal), "'question' must be a string", null, "question" },
        { Tree().Replace("\"success\": false, \"metadata\": {}}", "\"metadata\": {}}", StringComparison.Ordinal), "missing required key 'success'", null, "success" },
        { Tree(adjacency: """[[null, "a"], ["a"]]"""), "adjacency_list[1] must be a pair", null, "adjacency_list" },
        { Tree(adjacency: """[[null, "a"], ["a", "c"], ["a", "b"]]"""), "names node 'c', which is missing from node_map", "c", "adjacency_list" },
        { Tree(adjacency: """[[null, "a"], ["z", "b"]]"""), "the parent 'z', which is missing", "b", "adjacency_list" },
        { Tree(adjacency: """[[null, "a"]]"""), "node 'b' is in node_map but not in adjacency_list", "b", "adjacency_list" },
        { Tree(adjacency: """[[null, "a"], ["a", "b"], ["a", "b"]]"""), "lists node 'b' more than once", "b", "adjacency_list" },
        { Tree(adjacency: """[["b", "a"], ["a", "b"]]"""), "cannot be reached from any root", "a", "adjacency_list" },
        { Tree(b: NodeB.Replace("\"pruned\": false", "\"pruned\": false, \"score\": 1", StringComparison.Ordinal)), "node 'b' has the unknown key 'score'", "b", "score" },
        { Tree(b: NodeB.Replace("\"id\": \"b\"", "\"id\": \"x\"", StringComparison.Ordinal)), "holds a node whose id is 'x'", "b", "id" },
        { Tree(b: NodeB.Replace("\"is_final\": true", "\"is_final\": \"yes\"", StringComparison.Ordinal)), "node 'b': 'is_final' must be true or false", "b", "is_final" },
        { Tree(b: NodeB.Replace("\"cot\": null", "\"cot\": \"text\"", StringComparison.Ordinal)), "node 'b': 'cot' must be a list", "b", "cot" },
        { Tree(b: NodeB.Replace("\"cot\": null", "\"cot\": [{\"content\": \"x\"}]", StringComparison.Ordinal)), "cot[0] needs a string 'action'", "b", "cot" },
        { Tree(b: NodeB.Replace("\"metadata\": {}", "\"metadata\": []", StringComparison.Ordinal)), "node 'b': 'metadata' must be an object", "b", "metadata" },
        { Tree(b: NodeB.Replace("\"strategy\": \"correction\"", "\"strategy\": 3", StringComparison.Ordinal)), "node 'b': 'strategy' must be a strategy name", "b", "strategy" },
        { Tree(b: NodeB.Replace("\"prompt\": \"p\", ", string.Empty, StringComparison.Ordinal)), "node 'b': missing required key 'prompt'", "b", "prompt" },
        { Tree(b: "[]"), "node_map['b'] must be an object", "b", "node_map" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Deserialize_MalformedTree_ThrowsNamingKeyAndNode(string json, string message, string? nodeId, string? key)
    {
        using var doc = JsonDocument.Parse(json);

        var ex = Assert.Throws<SearchTreeFormatException>(() => SearchTreeSerializer.Deserialize(doc.RootElement));

        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
        Assert.Equal(nodeId, ex.NodeId);
        Assert.Equal(key, ex.Key);
    }

    [Fact]
    public void Deserialize_ValidHandWrittenTree_Reads()
    {
        using var doc = JsonDocument.Parse(Tree());

        var result = SearchTreeSerializer.Deserialize(doc.RootElement);

        Assert.Equal("b", result.TerminalNodes.Single().Id);
        Assert.False(result.Success);
    }

    [Fact]
    public void Deserialize_NotJson_ThrowsFormatException()
    {
        var ex = Assert.Throws<SearchTreeFormatException>(() => SearchTreeSerializer.Deserialize("{\"adjacency_list\": ["u8));

        Assert.Contains("valid JSON", ex.Message, StringComparison.Ordinal);
    }
}
