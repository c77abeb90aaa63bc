using System.Text;
using System.Text.Json.Nodes;
using CotForge.Core.Items;
using CotForge.Storage.Tests.Support;

namespace CotForge.Storage.Tests;

/// <summary>
/// A directory as cot-forge writes it (Python <c>json.dumps</c>: <c>", "</c> and <c>": "</c> separators, non-ASCII as
/// <c>\uXXXX</c>, naive isoformat timestamps; post-processed lines in reasoning.jsonl; metadata.json possibly the only
/// record of some processed ids), written by hand here.
/// </summary>
public sealed class CotForgeInteropTests : IDisposable
{
    private const string CafeQuestion = "Caf\u00e9 au lait \ud83d\ude00: how many cups?";
    private readonly TempDirectory _temp = new();
    private readonly string _idCafe = ItemId.Compute(CafeQuestion, "2");
    private readonly string _idTwo = ItemId.Compute("What is 1+1?", "2");
    private readonly string _idFailed = ItemId.Compute("Unsolvable?", "42");
    private readonly string _idMetadataOnly = ItemId.Compute("Only in metadata?", "yes");

    public CotForgeInteropTests()
    {
        string dir = _temp.Location("legacy").DirectoryPath;
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "results.jsonl"),
            ResultLine(_idCafe, "Caf\\u00e9 au lait \\ud83d\\ude00: how many cups?", "2", true) +
            ResultLine(_idTwo, "What is 1+1?", "2", true) +
            ResultLine(_idFailed, "Unsolvable?", "42", false));
        File.WriteAllText(Path.Combine(dir, "reasoning.jsonl"),
            ReasoningLine(_idCafe, "Caf\\u00e9 au lait \\ud83d\\ude00: how many cups?", "2", "[\"<thinking>Two cups.</thinking>\\n\\n2\"]") +
            ReasoningLine(_idTwo, "What is 1+1?", "2", "[\"<thinking>One and one.</thinking>\\n\\n2\"]") +
            ReasoningLine(_idFailed, "Unsolvable?", "42", "[]"));
        File.WriteAllText(Path.Combine(dir, "metadata.json"), $$"""
            {
              "dataset_name": "legacy",
              "search_name": "naive_linear_search",
              "completed_items": 4,
              "successful_items": 3,
              "processed_ids": [
                "{{_idCafe}}",
                "{{_idTwo}}",
                "{{_idFailed}}",
                "{{_idMetadataOnly}}"
              ],
              "last_updated": "2025-01-02T03:04:05.678901"
            }
            """);
        File.WriteAllText(Path.Combine(dir, "config.json"), """
            {
              "search": {"name": "naive_linear_search", "max_depth": 3},
              "created_at": "2025-01-02T03:00:00.000001",
              "dataset_name": "legacy",
              "search_name": "naive_linear_search"
            }
            """);
    }

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Open_CotForgeDirectory_AnswersLookupsAndStreamsRecords()
    {
        using var manager = PersistenceManager.Open(_temp.Location("legacy"));

        var results = await manager.LoadResultsAsync().ToListAsync();
        var processed = await manager.LoadProcessedResultsAsync().ToListAsync();
        var status = manager.GetStatus();

        Assert.Equal("reasoning.jsonl", manager.ProcessedFileName);
        Assert.True(manager.IsProcessed(_idCafe));
        Assert.True(manager.IsProcessed(_idMetadataOnly));
        Assert.False(manager.IsProcessed(ItemId.Compute("never seen", "x")));
        Assert.Equal(new HashSet<string> { _idCafe, _idTwo, _idMetadataOnly }, manager.FindProcessed([_idCafe, _idTwo, _idFailed, _idMetadataOnly, "nope"], includeUnverified: false));
        Assert.Equal(3, status.CompletedItems);
        Assert.Equal(2, status.SuccessfulItems);
        Assert.Equal(1, status.LegacyProcessedIds);
        Assert.Equal(CafeQuestion, results[0].Question);
        Assert.Equal("2025-01-02T03:04:05.123456", results[0].Timestamp);
        Assert.Equal("abc", results[0].Result.GetProperty("adjacency_list")[0][1].GetString());
        Assert.Equal("<thinking>Two cups.</thinking>\n\n2", processed[0].ChainOfThoughtResponses[0].GetString());
        Assert.Equal([_idCafe, _idTwo, _idFailed], processed.Select(p => p.Id));
        Assert.Equal(3, (int?)manager.LoadConfig()!["search"]!["max_depth"]);
        DirectoryAssert.Consistent(manager);
    }

    [Fact]
    public async Task OpenWriter_CotForgeDirectory_ResumesIntoReasoningJsonlAndKeepsMetadataIds()
    {
        using var manager = PersistenceManager.Open(_temp.Location("legacy"));
        await using (var writer = manager.OpenWriter())
        {
            writer.EnsureConfig(JsonNode.Parse("""{"search": {"name": "naive_linear_search", "max_depth": 3.0}}""")!.AsObject(), allowChange: false);
            await writer.AppendAsync(TestItems.Item(1));
        }

        string dir = manager.Location.DirectoryPath;
        var metadata = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "metadata.json")))!;
        var ids = metadata["processed_ids"]!.AsArray().Select(n => (string)n!).ToHashSet();

        Assert.False(File.Exists(Path.Combine(dir, "processed_results.jsonl")));
        Assert.Equal(4, DirectoryAssert.ReadLines(Path.Combine(dir, "reasoning.jsonl")).Count);
        Assert.Equal(new HashSet<string> { _idCafe, _idTwo, _idFailed, _idMetadataOnly, TestItems.Id(1) }, ids);
        Assert.Equal(5, (int?)metadata["completed_items"]);
        Assert.Equal(1, (int?)metadata["cotforge"]!["legacy_processed_ids"]);

        // A rebuild from the files alone still knows the metadata-only id.
        foreach (string file in Directory.GetFiles(dir, "index.sqlite*"))
        {
            File.Delete(file);
        }

        using var reopened = PersistenceManager.Open(_temp.Location("legacy"));
        Assert.True(reopened.IsProcessed(_idMetadataOnly));
        Assert.Equal(4, reopened.GetStatus().CompletedItems);
        Assert.Equal(4, DirectoryAssert.Consistent(reopened).Count);
    }

    [Fact]
    public void Delete_IdKnownOnlyFromMetadata_IsForgottenForGood()
    {
        using var manager = PersistenceManager.Open(_temp.Location("legacy"));

        Assert.True(manager.Delete("Only in metadata?", "yes"));

        Assert.False(manager.IsProcessed(_idMetadataOnly));
        Assert.DoesNotContain(_idMetadataOnly, File.ReadAllText(Path.Combine(manager.Location.DirectoryPath, "metadata.json")), StringComparison.Ordinal);
        manager.Reindex();
        Assert.False(manager.IsProcessed(_idMetadataOnly));
        Assert.Equal(3, manager.GetStatus().CompletedItems);
    }

    [Fact]
    public void Open_MetadataEmptiedByACrashedCotForge_StillOpensFromTheJsonl()
    {
        File.WriteAllText(Path.Combine(_temp.Location("legacy").DirectoryPath, "metadata.json"), string.Empty);

        using var manager = PersistenceManager.Open(_temp.Location("legacy"));

        Assert.Equal(3, manager.GetStatus().CompletedItems);
        Assert.Equal(0, manager.GetStatus().LegacyProcessedIds);
        Assert.True(manager.IsProcessed(_idTwo));
    }

    private static string ResultLine(string id, string questionEscaped, string answer, bool success)
    {
        string s = success ? "true" : "false";
        var line = new StringBuilder();
        line.Append("{\"id\": \"").Append(id).Append("\", \"question\": \"").Append(questionEscaped)
            .Append("\", \"ground_truth\": \"").Append(answer).Append("\", \"success\": ").Append(s)
            .Append(", \"timestamp\": \"2025-01-02T03:04:05.123456\", \"result\": {\"adjacency_list\": [[null, \"abc\"]], ")
            .Append("\"node_map\": {\"abc\": {\"id\": \"abc\", \"strategy\": \"initialize\", \"prompt\": \"p\", \"response\": \"r\", ")
            .Append("\"cot\": [{\"action\": \"Final Conclusion\", \"content\": \"").Append(answer).Append("\"}], \"is_final\": true, ")
            .Append("\"success\": ").Append(s).Append(", \"metadata\": {}, \"pruned\": false}}, \"question\": \"").Append(questionEscaped)
            .Append("\", \"ground_truth_answer\": \"").Append(answer).Append("\", \"success\": ").Append(s).Append(", \"metadata\": {}}}\n");
        return line.ToString();
    }

    private static string ReasoningLine(string id, string questionEscaped, string answer, string chains) =>
        $"{{\"id\": \"{id}\", \"question\": \"{questionEscaped}\", \"ground_truth\": \"{answer}\", \"chain_of_thought_responses\": {chains}}}\n";
}
