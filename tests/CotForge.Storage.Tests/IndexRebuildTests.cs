using System.Text;
using CotForge.Storage.Index;
using CotForge.Storage.Tests.Support;
using Dapper;

namespace CotForge.Storage.Tests;

/// <summary>
/// A full rebuild applies the commit rule in memory (<see cref="RebuildTable"/>); catch-up and large rebuilds apply it
/// in batches through SQLite. Both must produce the same index, row for row, from the same files.
/// </summary>
public sealed class IndexRebuildTests : IDisposable
{
    private static readonly PersistenceOptions Batched = new() { RebuildInMemoryMaxItems = 0 };
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private string Dir => _temp.Location().DirectoryPath;

    [Fact]
    public void Open_MissingIndexOverMessyFiles_InMemoryRebuildEqualsBatchedIndexing()
    {
        WriteMessyFiles(trailingOrphans: false);

        string batched = IndexDump(Batched, out var batchedReport);
        string inMemory = IndexDump(new PersistenceOptions(), out var inMemoryReport);

        Assert.Equal(batched, inMemory);
        Assert.Equal(batchedReport.LinesIndexed, inMemoryReport.LinesIndexed);
        Assert.Equal(batchedReport.BytesIndexed, inMemoryReport.BytesIndexed);
        Assert.Contains("duplicate", inMemory, StringComparison.Ordinal);
        Assert.Contains("superseded", inMemory, StringComparison.Ordinal);
        Assert.Contains("orphan", inMemory, StringComparison.Ordinal);
        Assert.Contains("corrupt", inMemory, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_MissingIndexAndTrailingOrphans_InMemoryRebuildCutsThemLikeBatchedIndexing()
    {
        WriteMessyFiles(trailingOrphans: true);
        byte[] processed = File.ReadAllBytes(ProcessedPath);

        string batched = IndexDump(Batched, out var batchedReport);
        byte[] batchedTorn = File.ReadAllBytes(ProcessedPath + ".torn");
        File.WriteAllBytes(ProcessedPath, processed);
        File.Delete(ProcessedPath + ".torn");
        string inMemory = IndexDump(new PersistenceOptions(), out var inMemoryReport);

        Assert.Equal(3, inMemoryReport.OrphansCut);
        Assert.Equal(batchedReport.OrphansCut, inMemoryReport.OrphansCut);
        Assert.Equal(batchedTorn, File.ReadAllBytes(ProcessedPath + ".torn"));
        Assert.Equal(batched, inMemory);
    }

    [Fact]
    public void Open_MoreItemsThanTheInMemoryLimit_ContinuesInBatchesWithTheSameResult()
    {
        // More lines than one parsing batch (8,192), so the limit is reached with lines left to index in batches,
        // among them repeats of ids met before the switch.
        Directory.CreateDirectory(Dir);
        using (var results = new FileStream(ResultsPath, FileMode.Create))
        using (var processed = new FileStream(ProcessedPath, FileMode.Create))
        {
            for (int i = 0; i < 9000; i++)
            {
                var item = TestItems.Item(i, success: i % 5 != 0, resultBytes: 10);
                results.Write(Lines.Result(item));
                processed.Write(Lines.Processed(item));
            }

            foreach (int i in new[] { 5, 10, 3 })
            {
                var again = TestItems.Item(i, success: true, resultBytes: 10, marker: "again");
                results.Write(Lines.Result(again));
                processed.Write(Lines.Processed(again));
            }
        }

        string batched = IndexDump(Batched, out _);
        string limited = IndexDump(new PersistenceOptions { RebuildInMemoryMaxItems = 100 }, out _);
        string inMemory = IndexDump(new PersistenceOptions(), out _);

        Assert.Equal(batched, limited);
        Assert.Equal(batched, inMemory);
    }

    [Fact]
    public async Task Reindex_LargeDirectory_ServesTheSameAnswersAsTheWriterIndexed()
    {
        using (var manager = PersistenceManager.Open(_temp.Location()))
        await using (var writer = manager.OpenWriter())
        {
            for (int i = 0; i < 300; i++)
            {
                await writer.AppendAsync(TestItems.Item(i, success: i % 4 != 0, resultBytes: 50));
            }
        }

        string written = IndexDump(null, out _, reindex: false);
        string rebuilt = IndexDump(null, out var report, reindex: true);

        Assert.NotNull(report.RebuildReason);
        Assert.Equal(Strip(written), Strip(rebuilt));

        // The writer records the time of its last group, a rebuild the last line's timestamp.
        static string Strip(string dump) => string.Join('\n', dump.Split('\n').Where(l => !l.StartsWith("meta last_updated", StringComparison.Ordinal)));
    }

    private string ResultsPath => Path.Combine(Dir, "results.jsonl");

    private string ProcessedPath => Path.Combine(Dir, "processed_results.jsonl");

    /// <summary>
    /// Results and processed files with everything the rule distinguishes: duplicates of a succeeded id, retries of an
    /// unverified one, a processed line superseded by a retry's, orphans in the middle, corrupt and blank lines, ids
    /// that are not hex MD5s and a line without a timestamp.
    /// </summary>
    private void WriteMessyFiles(bool trailingOrphans)
    {
        Directory.CreateDirectory(Dir);
        var results = new List<byte[]>();
        var processed = new List<byte[]>();
        for (int i = 0; i < 30; i++)
        {
            var item = TestItems.Item(i, success: i % 3 != 0, resultBytes: 40);
            results.Add(Lines.Result(item));
            processed.Add(Lines.Processed(item));
        }

        // Duplicate of a succeeded item; retry of an unverified one (3 was unverified) that succeeds.
        results.Add(Lines.Result(TestItems.Item(1, success: true, resultBytes: 40, marker: "dup")));
        results.Add(Lines.Result(TestItems.Item(3, success: true, resultBytes: 40, marker: "retry")));
        processed.Add(Lines.Processed(TestItems.Item(3, success: true, resultBytes: 40, marker: "retry")));

        // An orphan in the middle of the processed file, a corrupt and a blank line in each file.
        processed.Insert(10, Lines.Processed(TestItems.Item(900)));
        results.Insert(12, Encoding.UTF8.GetBytes("{\"id\": \"broken\", \"success\": tr\n"));
        processed.Insert(15, Encoding.UTF8.GetBytes("not json\n"));
        results.Insert(20, "\n"u8.ToArray());
        processed.Insert(20, "  \n"u8.ToArray());

        // Ids that are not hex MD5s, one without a timestamp.
        results.Add(Encoding.UTF8.GetBytes("{\"id\":\"hand-made\",\"question\":\"q\",\"ground_truth\":\"a\",\"success\":true,\"result\":{}}\n"));
        processed.Add(Encoding.UTF8.GetBytes("{\"id\":\"hand-made\",\"question\":\"q\",\"ground_truth\":\"a\",\"chain_of_thought_responses\":[]}\n"));
        results.Add(Encoding.UTF8.GetBytes("{\"id\":\"ABCDEF0123456789ABCDEF0123456789\",\"question\":\"q\",\"ground_truth\":\"a\",\"success\":false,\"timestamp\":\"2025-01-01T00:00:00\",\"result\":{}}\n"));
        if (trailingOrphans)
        {
            for (int i = 100; i < 103; i++)
            {
                processed.Add(Lines.Processed(TestItems.Item(i)));
            }
        }

        File.WriteAllBytes(ResultsPath, results.SelectMany(l => l).ToArray());
        File.WriteAllBytes(ProcessedPath, processed.SelectMany(l => l).ToArray());
    }

    /// <summary>Opens the directory without an index (so it is rebuilt) and returns every table of the index as text.</summary>
    private string IndexDump(PersistenceOptions? options, out Recovery.RecoveryReport report, bool reindex = false)
    {
        if (!reindex)
        {
            foreach (string file in Directory.GetFiles(Dir, "index.sqlite*"))
            {
                File.Delete(file);
            }
        }

        using (var manager = PersistenceManager.Open(_temp.Location(), options))
        {
            if (reindex)
            {
                manager.Reindex();
            }

            report = manager.LastRecovery;
        }

        using var store = IndexStore.Open(Path.Combine(Dir, "index.sqlite"), TimeSpan.FromSeconds(5), mayRecreate: false)!;
        var dump = new StringBuilder();
        foreach (var row in store.ReadAllItems().OrderBy(r => r.Id, StringComparer.Ordinal))
        {
            dump.AppendLine($"item {row.Id} {row.Success} {row.ResultOffset} {row.ResultLength} {row.ResultCount} {row.ProcessedOffset} {row.ProcessedLength} {row.ProcessedCount} {row.Time}");
        }

        foreach (var row in store.Connection.Query("SELECT file, offset, length, id, reason FROM skipped ORDER BY file, offset"))
        {
            dump.AppendLine($"skipped {row.file} {row.offset} {row.length} {row.id} {row.reason}");
        }

        foreach (var (name, value) in store.ReadCounters().OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            dump.AppendLine($"counter {name} {value}");
        }

        foreach (var state in store.ReadFileStates().Values.OrderBy(s => s.Name, StringComparer.Ordinal))
        {
            dump.AppendLine($"file {state.Name} {state.IndexedBytes} {state.HeadLength} {Convert.ToHexString(state.HeadHash ?? [])} {state.TailOffset} {state.TailLength} {Convert.ToHexString(state.TailHash ?? [])}");
        }

        foreach (var row in store.Connection.Query("SELECT key, value FROM meta WHERE key <> 'metadata_fingerprint' ORDER BY key"))
        {
            dump.AppendLine($"meta {row.key} {row.value}");
        }

        return dump.ToString();
    }
}
