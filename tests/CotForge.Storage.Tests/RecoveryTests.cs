using System.Text;
using CotForge.Storage.Tests.Support;
using Microsoft.Data.Sqlite;

namespace CotForge.Storage.Tests;

/// <summary>Opening a directory after crashes and edits: <see cref="PersistenceManager.Open"/> repairs and reindexes.</summary>
public sealed class RecoveryTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private string Dir => _temp.Location().DirectoryPath;

    private string ResultsPath => Path.Combine(Dir, "results.jsonl");

    private string ProcessedPath => Path.Combine(Dir, "processed_results.jsonl");

    [Fact]
    public async Task Open_LastLineWithoutNewline_CutsItIntoTornFile()
    {
        await WriteItemsAsync(3);
        byte[] torn = Lines.Result(TestItems.Item(3))[..150];
        Lines.Append(ResultsPath, torn);

        using var manager = PersistenceManager.Open(_temp.Location());

        Assert.Equal(150, manager.LastRecovery.TornBytes["results.jsonl"]);
        Assert.StartsWith(Encoding.UTF8.GetString(torn), File.ReadAllText(ResultsPath + ".torn"), StringComparison.Ordinal);
        Assert.Equal(3, DirectoryAssert.Consistent(manager).Count);
        Assert.False(manager.LastRecovery.Rebuilt);
    }

    [Fact]
    public async Task Open_CompleteButUnparseableLastLine_CutsIt()
    {
        await WriteItemsAsync(2);
        Lines.Append(ResultsPath, "\0\0\0\0{\"id\": \n"u8);

        using var manager = PersistenceManager.Open(_temp.Location());

        Assert.Equal(12, manager.LastRecovery.TornBytes["results.jsonl"]);
        Assert.Equal(2, DirectoryAssert.Consistent(manager).Count);
    }

    [Fact]
    public async Task Open_ProcessedLineWithoutResultsLine_IsCutByTheCommitRule()
    {
        await WriteItemsAsync(3);

        // The crash case: the group's processed lines reached the disk, its results lines did not (or only partly).
        Lines.Append(ProcessedPath, Lines.Processed(TestItems.Item(3)));
        Lines.Append(ProcessedPath, Lines.Processed(TestItems.Item(4)));
        Lines.Append(ResultsPath, Lines.Result(TestItems.Item(3)));
        Lines.Append(ResultsPath, Lines.Result(TestItems.Item(4)).AsSpan(0, 40));

        using var manager = PersistenceManager.Open(_temp.Location());

        Assert.Equal(1, manager.LastRecovery.OrphansCut);
        Assert.Contains(TestItems.Id(4), File.ReadAllText(ProcessedPath + ".torn"), StringComparison.Ordinal);
        Assert.True(manager.IsProcessed(TestItems.Id(3)));
        Assert.False(manager.IsProcessed(TestItems.Id(4)));
        Assert.Equal(4, DirectoryAssert.Consistent(manager).Count);

        // Resuming writes item 4 exactly once.
        await using (var writer = manager.OpenWriter())
        {
            await writer.AppendAsync(TestItems.Item(4));
        }

        Assert.Equal(5, DirectoryAssert.Consistent(manager).Count);
    }

    [Fact]
    public async Task Open_WholeGroupOnlyInProcessedFile_CutsTheGroup()
    {
        await WriteItemsAsync(2);
        for (int i = 2; i < 6; i++)
        {
            Lines.Append(ProcessedPath, Lines.Processed(TestItems.Item(i)));
        }

        using var manager = PersistenceManager.Open(_temp.Location());

        Assert.Equal(4, manager.LastRecovery.OrphansCut);
        Assert.Equal(2, DirectoryAssert.Consistent(manager).Count);
    }

    [Fact]
    public async Task Open_DeletedIndex_RebuildsTheSameAnswers()
    {
        await WriteItemsAsync(20, withErrors: true);
        DatasetStatus before;
        using (var manager = PersistenceManager.Open(_temp.Location()))
        {
            before = manager.GetStatus();
        }

        foreach (string file in Directory.GetFiles(Dir, "index.sqlite*"))
        {
            File.Delete(file);
        }

        using var reopened = PersistenceManager.Open(_temp.Location());

        Assert.True(reopened.LastRecovery.Rebuilt);
        Assert.Equal(before with { LastUpdated = null }, reopened.GetStatus() with { LastUpdated = null });
        Assert.Equal(2, reopened.GetStatus().FailedItems);
        Assert.Equal(20, DirectoryAssert.Consistent(reopened).Count);
    }

    [Fact]
    public async Task Open_JsonlAppendedBehindTheIndexBack_CatchesUpOnlyTheTail()
    {
        await WriteItemsAsync(5);
        for (int i = 5; i < 8; i++)
        {
            Lines.Append(ProcessedPath, Lines.Processed(TestItems.Item(i)));
            Lines.Append(ResultsPath, Lines.Result(TestItems.Item(i)));
        }

        using var manager = PersistenceManager.Open(_temp.Location());

        Assert.False(manager.LastRecovery.Rebuilt);
        Assert.Equal(6, manager.LastRecovery.LinesIndexed);
        Assert.True(manager.IsProcessed(TestItems.Id(7)));
        Assert.Equal(8, DirectoryAssert.Consistent(manager).Count);
    }

    [Fact]
    public async Task Open_TruncatedFiles_RebuildsAndForgetsTheCutItems()
    {
        await WriteItemsAsync(5);
        TruncateToLines(ResultsPath, 2);
        TruncateToLines(ProcessedPath, 2);

        using var manager = PersistenceManager.Open(_temp.Location());

        Assert.Contains("shorter", manager.LastRecovery.RebuildReason, StringComparison.Ordinal);
        Assert.False(manager.IsProcessed(TestItems.Id(4)));
        Assert.Equal(2, DirectoryAssert.Consistent(manager).Count);
    }

    [Fact]
    public async Task Open_LastIndexedLineEditedInPlace_RebuildsFromTheNewContent()
    {
        // Enough items that the last line lies beyond the hashed head of the file.
        await WriteItemsAsync(10);
        string text = File.ReadAllText(ResultsPath);
        int at = text.IndexOf("\"question\":\"q9:", text.LastIndexOf('\n', text.Length - 2) + 1, StringComparison.Ordinal);
        string edited = string.Concat(text.AsSpan(0, at), "\"question\":\"Q9:", text.AsSpan(at + 15));
        Assert.Equal(text.Length, edited.Length);
        File.WriteAllText(ResultsPath, edited);

        using var manager = PersistenceManager.Open(_temp.Location());

        Assert.Contains("last indexed line", manager.LastRecovery.RebuildReason, StringComparison.Ordinal);
        Assert.StartsWith("Q9:", manager.LoadResultsAsync().ToBlockingEnumerable().Last().Question, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Open_FilesReplacedByLongerOnesFromAnotherRun_RebuildsInsteadOfCatchingUp()
    {
        await WriteItemsAsync(3);
        using (var other = new TempDirectory())
        {
            using (var manager = PersistenceManager.Open(other.Location()))
            await using (var writer = manager.OpenWriter())
            {
                for (int i = 0; i < 6; i++)
                {
                    await writer.AppendAsync(TestItems.Item(i, prefix: "other"));
                }
            }

            File.Copy(Path.Combine(other.Location().DirectoryPath, "results.jsonl"), ResultsPath, overwrite: true);
            File.Copy(Path.Combine(other.Location().DirectoryPath, "processed_results.jsonl"), ProcessedPath, overwrite: true);
        }

        using var reopened = PersistenceManager.Open(_temp.Location());

        Assert.Contains("replaced", reopened.LastRecovery.RebuildReason, StringComparison.Ordinal);
        Assert.False(reopened.IsProcessed(TestItems.Id(0)));
        Assert.True(reopened.IsProcessed(TestItems.Id(0, prefix: "other")));
        Assert.Equal(6, DirectoryAssert.Consistent(reopened).Count);
    }

    [Fact]
    public async Task Open_IndexFileIsGarbage_RecreatesIt()
    {
        await WriteItemsAsync(4);
        foreach (string file in Directory.GetFiles(Dir, "index.sqlite*"))
        {
            File.Delete(file);
        }

        File.WriteAllText(Path.Combine(Dir, "index.sqlite"), "this is not a database, but it is long enough to look like one's header");

        using var manager = PersistenceManager.Open(_temp.Location());

        Assert.True(manager.LastRecovery.Rebuilt);
        Assert.Equal(4, DirectoryAssert.Consistent(manager).Count);
    }

    [Fact]
    public async Task Open_IndexOfAnotherSchemaVersion_IsRebuilt()
    {
        await WriteItemsAsync(4);
        using (var connection = new SqliteConnection($"Data Source={Path.Combine(Dir, "index.sqlite")};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA user_version = 99; DELETE FROM items;";
            command.ExecuteNonQuery();
        }

        using var manager = PersistenceManager.Open(_temp.Location());

        Assert.True(manager.LastRecovery.Rebuilt);
        Assert.Equal(4, DirectoryAssert.Consistent(manager).Count);
    }

    [Fact]
    public void Open_DuplicateIdsFromAnOlderRun_ServesTheFirstAndCountsItOnce()
    {
        Directory.CreateDirectory(Dir);
        var first = TestItems.Item(1, marker: "first");
        var second = TestItems.Item(1, marker: "second");
        File.WriteAllBytes(ResultsPath, [.. Lines.Result(first), .. Lines.Result(TestItems.Item(2)), .. Lines.Result(second)]);
        File.WriteAllBytes(ProcessedPath, [.. Lines.Processed(first), .. Lines.Processed(TestItems.Item(2)), .. Lines.Processed(second)]);

        using var manager = PersistenceManager.Open(_temp.Location());
        var status = manager.GetStatus();
        var results = manager.LoadResultsAsync().ToBlockingEnumerable().ToList();

        Assert.Equal(2, status.CompletedItems);
        Assert.Equal(2, status.SkippedLines);
        Assert.Equal([TestItems.Id(1), TestItems.Id(2)], results.Select(r => r.Id));
        Assert.Equal("first", results[0].Result.GetProperty("node_map").GetProperty("n0").GetProperty("metadata").GetProperty("marker").GetString());
        Assert.Equal(2, manager.LoadProcessedResultsAsync().ToBlockingEnumerable().Count());
    }

    [Fact]
    public void Open_DuplicatesFarApartInALargeFile_AreResolvedAcrossIndexingBatches()
    {
        // More lines than one indexing batch (8,192), so the repeats meet their first line only through the index.
        Directory.CreateDirectory(Dir);
        using (var results = new FileStream(ResultsPath, FileMode.Create))
        using (var processed = new FileStream(ProcessedPath, FileMode.Create))
        {
            for (int i = 0; i < 9000; i++)
            {
                var item = TestItems.Item(i, success: i != 7, resultBytes: 20);
                results.Write(Lines.Result(item));
                processed.Write(Lines.Processed(item));
            }

            foreach (var again in new[] { TestItems.Item(5, resultBytes: 20, marker: "late"), TestItems.Item(7, success: true, resultBytes: 20, marker: "retry") })
            {
                results.Write(Lines.Result(again));
                processed.Write(Lines.Processed(again));
            }
        }

        using var manager = PersistenceManager.Open(_temp.Location());
        var status = manager.GetStatus();
        var late = manager.LoadResultsAsync().ToBlockingEnumerable().Where(r => r.Id == TestItems.Id(5) || r.Id == TestItems.Id(7)).ToList();

        Assert.Equal(9000, status.CompletedItems);
        Assert.Equal(9000, status.SuccessfulItems);
        Assert.Equal(4, status.SkippedLines);
        Assert.Equal([TestItems.Id(5), TestItems.Id(7)], late.Select(r => r.Id));
        Assert.Null(late[0].Result.GetProperty("node_map").GetProperty("n0").GetProperty("metadata").GetProperty("marker").GetString());
        Assert.Equal("retry", late[1].Result.GetProperty("node_map").GetProperty("n0").GetProperty("metadata").GetProperty("marker").GetString());
    }

    [Fact]
    public void Open_CorruptLineInTheMiddle_IsSkippedNotServedAndNotFatal()
    {
        Directory.CreateDirectory(Dir);
        byte[] glued = [.. Lines.Result(TestItems.Item(9))[..80], .. Lines.Result(TestItems.Item(2))];
        File.WriteAllBytes(ResultsPath, [.. Lines.Result(TestItems.Item(1)), .. glued, .. "\n"u8, .. Lines.Result(TestItems.Item(3))]);

        using var manager = PersistenceManager.Open(_temp.Location());

        Assert.Equal(2, manager.GetStatus().CompletedItems);
        Assert.Equal(1, manager.GetStatus().SkippedLines);
        Assert.False(manager.IsProcessed(TestItems.Id(9)));
        Assert.Equal([TestItems.Id(1), TestItems.Id(3)], manager.LoadResultsAsync().ToBlockingEnumerable().Select(r => r.Id));
    }

    [Fact]
    public async Task Open_TornErrorsAndRejectsFiles_AreRepairedToo()
    {
        await WriteItemsAsync(1, withErrors: true);
        Lines.Append(Path.Combine(Dir, "errors.jsonl"), "{\"id\": \"x\", \"sta"u8);
        Lines.Append(Path.Combine(Dir, "rejects.jsonl"), "{\"file\""u8);

        using var manager = PersistenceManager.Open(_temp.Location());

        Assert.True(manager.LastRecovery.TornBytes.ContainsKey("errors.jsonl"));
        Assert.True(manager.LastRecovery.TornBytes.ContainsKey("rejects.jsonl"));
        Assert.Equal(2, manager.GetStatus().FailedItems);
        Assert.Equal(1, manager.GetStatus().RejectedRows);
    }

    private async Task WriteItemsAsync(int count, bool withErrors = false)
    {
        using var manager = PersistenceManager.Open(_temp.Location());
        await using var writer = manager.OpenWriter();
        for (int i = 0; i < count; i++)
        {
            await writer.AppendAsync(TestItems.Item(i, success: i % 4 != 3));
        }

        if (withErrors)
        {
            await writer.AppendErrorAsync(new ErrorRecord("e1", "search", "provider_error", "down", 6, TestItems.Time));
            await writer.AppendErrorAsync(new ErrorRecord("e2", "verify", "unparseable_output", "bad", 3, TestItems.Time));
            await writer.AppendRejectAsync(new RejectRecord("in.jsonl", 3, "invalid JSON", "{oops"));
        }
    }

    private static void TruncateToLines(string path, int lines)
    {
        byte[] bytes = File.ReadAllBytes(path);
        int position = 0;
        for (int i = 0; i < lines; i++)
        {
            position = Array.IndexOf(bytes, (byte)'\n', position) + 1;
        }

        using var stream = new FileStream(path, FileMode.Open);
        stream.SetLength(position);
    }
}
