using System.Text.Json;
using CotForge.Storage.Index;

namespace CotForge.Storage.Tests.Support;

/// <summary>
/// Checks the invariants of a dataset directory straight from the bytes on disk: every line parses, ids are unique,
/// results and post-processed files hold the same ids, and the index agrees with the files (ids, outcomes, offsets,
/// counts).
/// </summary>
internal static class DirectoryAssert
{
    public static IReadOnlyList<string> Consistent(PersistenceManager manager)
    {
        string directory = manager.Location.DirectoryPath;
        var results = ReadLines(Path.Combine(directory, "results.jsonl"));
        var processed = ReadLines(Path.Combine(directory, manager.ProcessedFileName));

        var resultIds = results.Select(l => l.Root.GetProperty("id").GetString()!).ToList();
        var processedIds = processed.Select(l => l.Root.GetProperty("id").GetString()!).ToList();
        Assert.Equal(resultIds.Count, resultIds.Distinct().Count());
        Assert.Equal(processedIds.Count, processedIds.Distinct().Count());
        Assert.Equal(resultIds.Order(StringComparer.Ordinal), processedIds.Order(StringComparer.Ordinal));

        var found = manager.FindProcessed(resultIds);
        Assert.Equal(resultIds.Count, found.Count);
        var status = manager.GetStatus();
        Assert.Equal(resultIds.Count, status.CompletedItems);
        Assert.Equal(results.Count(l => l.Root.GetProperty("success").GetBoolean()), status.SuccessfulItems);
        Assert.Equal(0, status.SkippedLines);

        using var index = IndexStore.Open(Path.Combine(directory, "index.sqlite"), TimeSpan.FromSeconds(5), mayRecreate: false)!;
        var rows = index.ReadAllItems().ToDictionary(r => r.Id);
        Assert.Equal(resultIds.Count, rows.Count);
        foreach (var line in results)
        {
            var row = rows[line.Root.GetProperty("id").GetString()!];
            Assert.Equal(line.Offset, row.ResultOffset);
            Assert.Equal(line.Length, row.ResultLength);
            Assert.Equal(line.Root.GetProperty("success").GetBoolean(), row.Succeeded);
        }

        foreach (var line in processed)
        {
            var row = rows[line.Root.GetProperty("id").GetString()!];
            Assert.Equal(line.Offset, row.ProcessedOffset);
            Assert.Equal(line.Length, row.ProcessedLength);
        }

        var states = index.ReadFileStates();
        Assert.Equal(new FileInfo(Path.Combine(directory, "results.jsonl")).Exists ? new FileInfo(Path.Combine(directory, "results.jsonl")).Length : 0, states[FileKind.Results].IndexedBytes);
        return resultIds;
    }

    public static List<(long Offset, long Length, JsonElement Root)> ReadLines(string path)
    {
        var lines = new List<(long, long, JsonElement)>();
        if (!File.Exists(path))
        {
            return lines;
        }

        byte[] bytes = File.ReadAllBytes(path);
        Assert.True(bytes.Length == 0 || bytes[^1] == (byte)'\n', $"{Path.GetFileName(path)} does not end with a newline");
        int start = 0;
        while (start < bytes.Length)
        {
            int end = Array.IndexOf(bytes, (byte)'\n', start);
            var line = bytes.AsMemory(start, end - start);
            using var document = JsonDocument.Parse(line);
            lines.Add((start, end - start + 1, document.RootElement.Clone()));
            start = end + 1;
        }

        return lines;
    }
}
