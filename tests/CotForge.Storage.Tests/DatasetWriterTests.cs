using System.Text.Json.Nodes;
using CotForge.Storage.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace CotForge.Storage.Tests;

public sealed class DatasetWriterTests : IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task AppendAsync_ThenReopen_ServesEveryItemOnceInOrder()
    {
        using (var manager = PersistenceManager.Open(_temp.Location()))
        {
            await using var writer = manager.OpenWriter();
            for (int i = 0; i < 50; i++)
            {
                await writer.AppendAsync(TestItems.Item(i, success: i % 3 != 0));
            }
        }

        using var reopened = PersistenceManager.Open(_temp.Location());
        var results = await reopened.LoadResultsAsync().ToListAsync();
        var processed = await reopened.LoadProcessedResultsAsync().ToListAsync();

        Assert.Equal(Enumerable.Range(0, 50).Select(i => TestItems.Id(i)), results.Select(r => r.Id));
        Assert.Equal(results.Select(r => r.Id), processed.Select(p => p.Id));
        Assert.Equal(TestItems.Question(7), results[7].Question);
        Assert.Equal("14", results[7].GroundTruth);
        Assert.False(results[0].Success);
        Assert.True(results[1].Success);
        Assert.Equal("2025-03-04T05:06:07.123000+00:00", results[1].Timestamp);
        Assert.Equal("initialize", results[1].Result.GetProperty("node_map").GetProperty("n0").GetProperty("strategy").GetString());
        Assert.Equal(1, processed[1].ChainOfThoughtResponses.GetArrayLength());
        Assert.Equal(0, processed[0].ChainOfThoughtResponses.GetArrayLength());
        DirectoryAssert.Consistent(reopened);
        Assert.False(reopened.LastRecovery.Rebuilt);
        Assert.Equal(0, reopened.LastRecovery.LinesIndexed);
    }

    [Fact]
    public async Task AppendAsync_FewerThanGroupSize_CommitsOnlyWhenIntervalElapses()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        using var manager = PersistenceManager.Open(_temp.Location());
        await using var writer = manager.OpenWriter(new WriterOptions { GroupCommitItems = 3, GroupCommitInterval = TimeSpan.FromSeconds(5), TimeProvider = time });
        var groups = new List<IReadOnlyList<string>>();
        var firstGroup = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        writer.Committed += ids =>
        {
            lock (groups)
            {
                groups.Add(ids);
            }

            firstGroup.TrySetResult();
        };

        await writer.AppendAsync(TestItems.Item(1));
        await writer.AppendAsync(TestItems.Item(2));
        Assert.False(manager.IsProcessed(TestItems.Id(1)));
        Assert.Empty(groups);

        time.Advance(TimeSpan.FromSeconds(5));
        await firstGroup.Task.WaitAsync(Wait);

        Assert.Equal([TestItems.Id(1), TestItems.Id(2)], groups.Single());
        Assert.True(manager.IsProcessed(TestItems.Id(1)));
        Assert.True(manager.IsProcessed(TestItems.Id(2)));
    }

    [Fact]
    public async Task AppendAsync_GroupSizeReached_CommitsWithoutWaitingForTheInterval()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        using var manager = PersistenceManager.Open(_temp.Location());
        await using var writer = manager.OpenWriter(new WriterOptions { GroupCommitItems = 3, GroupCommitInterval = TimeSpan.FromMinutes(1), TimeProvider = time });
        var committed = new TaskCompletionSource<IReadOnlyList<string>>(TaskCreationOptions.RunContinuationsAsynchronously);
        writer.Committed += ids => committed.TrySetResult(ids);

        for (int i = 0; i < 3; i++)
        {
            await writer.AppendAsync(TestItems.Item(i));
        }

        var ids = await committed.Task.WaitAsync(Wait);

        Assert.Equal(3, ids.Count);
        Assert.Equal(3, manager.GetStatus().CompletedItems);
    }

    [Fact]
    public async Task Committed_WhenRaised_ItemIsOnDiskAndIndexed()
    {
        using var manager = PersistenceManager.Open(_temp.Location());
        await using var writer = manager.OpenWriter(new WriterOptions { GroupCommitItems = 1 });
        var observations = new List<(bool InFile, bool InIndex)>();
        string resultsPath = Path.Combine(manager.Location.DirectoryPath, "results.jsonl");
        writer.Committed += ids =>
        {
            string text = File.ReadAllText(resultsPath);
            lock (observations)
            {
                observations.AddRange(ids.Select(id => (text.Contains(id, StringComparison.Ordinal), manager.IsProcessed(id))));
            }
        };

        for (int i = 0; i < 5; i++)
        {
            await writer.AppendAsync(TestItems.Item(i));
        }

        await writer.FlushAsync();

        Assert.Equal(5, observations.Count);
        Assert.All(observations, o => Assert.True(o.InFile && o.InIndex));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(65_536)]
    public async Task IndexBatchItems_GroupsBackToBack_EveryIdCommittedOnceInOrderAndIndexedAfterFlush(int indexBatchItems)
    {
        using var manager = PersistenceManager.Open(_temp.Location());
        var committed = new List<string>();
        int groups = 0;
        long commits;
        // Groups of exactly 10 (interval far away), written without fsync so that they follow each other quickly.
        var options = new WriterOptions
        {
            GroupCommitItems = 10, MaxGroupItems = 10, GroupCommitInterval = TimeSpan.FromMinutes(1),
            Durability = DurabilityLevel.Flush, IndexBatchItems = indexBatchItems,
        };
        await using (var writer = manager.OpenWriter(options))
        {
            writer.Committed += ids =>
            {
                lock (committed)
                {
                    committed.AddRange(ids);
                    groups++;
                }
            };
            for (int i = 0; i < 300; i++)
            {
                await writer.AppendAsync(TestItems.Item(i));
            }

            await writer.FlushAsync().AsTask().WaitAsync(Wait);
            commits = writer.IndexCommits;

            // The flush committed the batch: the manager's own connection sees every row.
            Assert.Equal(300, manager.GetStatus().CompletedItems);
        }

        Assert.Equal(Enumerable.Range(0, 300).Select(i => TestItems.Id(i)), committed);
        Assert.Equal(30, groups);
        if (indexBatchItems == 1)
        {
            Assert.Equal(30, commits);
        }
        else
        {
            // Groups that arrive while a batch is open join it; a stall of more than ~100 ms between two groups
            // commits early, so this only asks that most groups shared a transaction.
            Assert.True(commits <= 10, $"{commits} index commits for 30 groups");
        }
    }

    [Fact]
    public async Task FlushAsync_ReturnsAfterEverythingQueuedIsCommitted()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        using var manager = PersistenceManager.Open(_temp.Location());
        await using var writer = manager.OpenWriter(new WriterOptions { GroupCommitItems = 1000, GroupCommitInterval = TimeSpan.FromMinutes(1), TimeProvider = time });
        for (int i = 0; i < 10; i++)
        {
            await writer.AppendAsync(TestItems.Item(i));
        }

        await writer.FlushAsync().AsTask().WaitAsync(Wait);

        Assert.Equal(10, manager.GetStatus().CompletedItems);
    }

    [Fact]
    public async Task FlushAsync_GroupOfMoreLinesThanOneGatheringWriteTakes_WritesEveryLineInOrder()
    {
        // A group's lines go out in gathering writes; Linux takes at most 1,024 buffers per pwritev call.
        const int count = 2_500;
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        using var manager = PersistenceManager.Open(_temp.Location());
        var reported = new List<string>();
        await using (var writer = manager.OpenWriter(new WriterOptions { GroupCommitItems = count, QueueCapacity = count, GroupCommitInterval = TimeSpan.FromMinutes(1), TimeProvider = time }))
        {
            writer.Committed += ids => reported.Add(ids.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
            for (int i = 0; i < count; i++)
            {
                await writer.AppendAsync(TestItems.Item(i, success: i % 4 != 0));
            }

            await writer.FlushAsync().AsTask().WaitAsync(Wait);
        }

        using var reopened = PersistenceManager.Open(_temp.Location());
        var results = await reopened.LoadResultsAsync().ToListAsync();

        Assert.Equal([count.ToString(System.Globalization.CultureInfo.InvariantCulture)], reported);
        Assert.Equal(Enumerable.Range(0, count).Select(i => TestItems.Id(i)), results.Select(r => r.Id));
        Assert.Equal(count, DirectoryAssert.ReadLines(Path.Combine(reopened.Location.DirectoryPath, "processed_results.jsonl")).Count);
        DirectoryAssert.Consistent(reopened);
        Assert.False(reopened.LastRecovery.Rebuilt);
        Assert.Equal(0, reopened.LastRecovery.LinesIndexed);
    }

    [Fact]
    public async Task AppendAsync_IdAlreadySucceeded_IsReportedButNotWrittenAgain()
    {
        using var manager = PersistenceManager.Open(_temp.Location());
        var reported = new List<string>();
        await using (var writer = manager.OpenWriter())
        {
            writer.Committed += ids => reported.AddRange(ids);
            await writer.AppendAsync(TestItems.Item(1, marker: "first"));
            await writer.FlushAsync();
            await writer.AppendAsync(TestItems.Item(1, marker: "second"));
            await writer.AppendAsync(TestItems.Item(2, marker: "first"));
            await writer.AppendAsync(TestItems.Item(2, marker: "second"));
        }

        var results = await manager.LoadResultsAsync().ToListAsync();

        Assert.Equal([TestItems.Id(1), TestItems.Id(1), TestItems.Id(2), TestItems.Id(2)], reported);
        Assert.Equal(2, results.Count);
        Assert.All(results, r => Assert.Equal("first", Marker(r)));
        Assert.Equal(2, DirectoryAssert.ReadLines(Path.Combine(manager.Location.DirectoryPath, "results.jsonl")).Count);
        DirectoryAssert.Consistent(manager);
    }

    [Fact]
    public async Task AppendAsync_SameIdInBackToBackGroups_EachGroupSeesThePreviousOnesRows()
    {
        // One record per group: each group's rows are read while the index thread may still be committing the group
        // before it, which holds the same id. A stale read would write the third line (the id looks unverified) and
        // serve it.
        using var manager = PersistenceManager.Open(_temp.Location());
        var reported = new List<string>();
        await using (var writer = manager.OpenWriter(new WriterOptions { GroupCommitItems = 1, MaxGroupItems = 1, Durability = DurabilityLevel.None }))
        {
            writer.Committed += ids => reported.AddRange(ids);
            for (int n = 0; n < 50; n++)
            {
                await writer.AppendAsync(TestItems.Item(n, success: false, marker: "try1"));
                await writer.AppendAsync(TestItems.Item(n, success: true, marker: "try2"));
                await writer.AppendAsync(TestItems.Item(n, success: true, marker: "try3"));
            }
        }

        var results = await manager.LoadResultsAsync().ToListAsync();

        Assert.Equal(150, reported.Count);
        Assert.Equal(50, results.Count);
        Assert.All(results, r => Assert.Equal("try2", Marker(r)));
        Assert.Equal(100, DirectoryAssert.ReadLines(Path.Combine(manager.Location.DirectoryPath, "results.jsonl")).Count);
        Assert.Equal(50, manager.GetStatus().SuccessfulItems);
        Assert.Equal(50, manager.GetStatus().CompletedItems);
    }

    [Fact]
    public async Task AppendAsync_RetryOfUnverifiedItem_ReplacesItEverywhere()
    {
        using var manager = PersistenceManager.Open(_temp.Location());
        await using (var writer = manager.OpenWriter())
        {
            await writer.AppendAsync(TestItems.Item(1, success: false, marker: "attempt1"));
            await writer.AppendAsync(TestItems.Item(2, success: false));
        }

        Assert.Empty(manager.FindProcessed([TestItems.Id(1), TestItems.Id(2)], includeUnverified: false));
        Assert.Equal(2, manager.FindProcessed([TestItems.Id(1), TestItems.Id(2)]).Count);

        await using (var writer = manager.OpenWriter())
        {
            await writer.AppendAsync(TestItems.Item(1, success: true, marker: "attempt2"));
        }

        var status = manager.GetStatus();
        var results = await manager.LoadResultsAsync().ToListAsync();
        var processed = await manager.LoadProcessedResultsAsync().ToListAsync();

        Assert.Equal(2, status.CompletedItems);
        Assert.Equal(1, status.SuccessfulItems);
        Assert.Equal(2, status.SkippedLines);
        Assert.Equal([TestItems.Id(2), TestItems.Id(1)], results.Select(r => r.Id));
        Assert.Equal("attempt2", Marker(results[1]));
        Assert.Equal(1, processed.Single(p => p.Id == TestItems.Id(1)).ChainOfThoughtResponses.GetArrayLength());
        Assert.Equal([TestItems.Id(1)], manager.FindProcessed([TestItems.Id(1), TestItems.Id(2)], includeUnverified: false));

        // The same answers after a rebuild from the files alone.
        manager.Reindex();
        Assert.Equal(status with { LastUpdated = manager.GetStatus().LastUpdated }, manager.GetStatus());
        Assert.Equal("attempt2", Marker((await manager.LoadResultsAsync().ToListAsync())[1]));
    }

    [Fact]
    public async Task AppendErrorAsync_ThenItemCompletes_FailedCountDropsBack()
    {
        using var manager = PersistenceManager.Open(_temp.Location());
        await using (var writer = manager.OpenWriter())
        {
            await writer.AppendErrorAsync(new ErrorRecord(TestItems.Id(1), "search", "provider_error", "HTTP 503", 6, TestItems.Time));
            await writer.AppendErrorAsync(new ErrorRecord(TestItems.Id(2), "verify", "verifier_unavailable", "no answer", 3, TestItems.Time));
            await writer.AppendRejectAsync(new RejectRecord("input.csv", 7, "empty answer", new string('x', 2000)));
        }

        Assert.Equal(2, manager.GetStatus().FailedItems);
        Assert.Equal(1, manager.GetStatus().RejectedRows);
        var reject = DirectoryAssert.ReadLines(Path.Combine(manager.Location.DirectoryPath, "rejects.jsonl")).Single().Root;
        Assert.Equal(501, reject.GetProperty("raw").GetString()!.Length);
        Assert.Equal(7, reject.GetProperty("line").GetInt64());
        var error = DirectoryAssert.ReadLines(Path.Combine(manager.Location.DirectoryPath, "errors.jsonl"))[0].Root;
        Assert.Equal(["id", "stage", "kind", "message", "attempts", "time"], error.EnumerateObject().Select(p => p.Name));

        await using (var writer = manager.OpenWriter())
        {
            await writer.AppendAsync(TestItems.Item(1));
        }

        var status = manager.GetStatus();
        Assert.Equal(1, status.FailedItems);
        Assert.Equal([TestItems.Id(2)], manager.GetFailedIds());
        Assert.Equal(1, status.CompletedItems);
    }

    [Fact]
    public async Task DisposeAsync_WritesCotForgeCompatibleMetadataAtomically()
    {
        using var manager = PersistenceManager.Open(_temp.Location("gsm8k"));
        await using (var writer = manager.OpenWriter())
        {
            writer.SetRunInfo(new JsonObject { ["tokens"] = new JsonObject { ["input"] = 1234 } });
            await writer.AppendAsync(TestItems.Item(1));
            await writer.AppendAsync(TestItems.Item(2, success: false));
        }

        string directory = manager.Location.DirectoryPath;
        var metadata = JsonNode.Parse(File.ReadAllText(Path.Combine(directory, "metadata.json")))!.AsObject();

        Assert.Equal("gsm8k", (string?)metadata["dataset_name"]);
        Assert.Equal("naive_linear_search", (string?)metadata["search_name"]);
        Assert.Equal(2, (int?)metadata["completed_items"]);
        Assert.Equal(1, (int?)metadata["successful_items"]);
        Assert.Equal(new[] { TestItems.Id(1), TestItems.Id(2) }.Order(), metadata["processed_ids"]!.AsArray().Select(n => (string)n!).Order());
        Assert.NotNull((string?)metadata["last_updated"]);
        Assert.Equal(1234, (int?)metadata["cotforge"]!["run_info"]!["tokens"]!["input"]);
        Assert.False(File.Exists(Path.Combine(directory, "metadata.json.tmp")));
        Assert.Equal(1234, (int?)manager.GetStatus().RunInfo!["tokens"]!["input"]);
    }

    [Fact]
    public async Task Checkpoint_AfterConfiguredItemCount_RewritesMetadataDuringTheRun()
    {
        using var manager = PersistenceManager.Open(_temp.Location());
        string metadataPath = Path.Combine(manager.Location.DirectoryPath, "metadata.json");
        await using var writer = manager.OpenWriter(new WriterOptions { GroupCommitItems = 2, MetadataCheckpointItems = 4 });
        for (int i = 0; i < 3; i++)
        {
            await writer.AppendAsync(TestItems.Item(i));
        }

        await writer.FlushAsync();
        Assert.False(File.Exists(metadataPath));

        await writer.AppendAsync(TestItems.Item(3));
        await writer.FlushAsync();

        Assert.Equal(4, (int?)JsonNode.Parse(File.ReadAllText(metadataPath))!["completed_items"]);
    }

    [Fact]
    public async Task AppendAsync_IndentedResultJson_IsStoredOnOneLine()
    {
        using var manager = PersistenceManager.Open(_temp.Location());
        var item = TestItems.Item(1);
        string indented = JsonNode.Parse(item.ResultJson.Span)!.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true });
        await using (var writer = manager.OpenWriter())
        {
            await writer.AppendAsync(item with { ResultJson = System.Text.Encoding.UTF8.GetBytes(indented) });
        }

        var lines = DirectoryAssert.ReadLines(Path.Combine(manager.Location.DirectoryPath, "results.jsonl"));
        Assert.Single(lines);
        Assert.Equal("n0", lines[0].Root.GetProperty("result").GetProperty("node_map").GetProperty("n0").GetProperty("id").GetString());
    }

    [Fact]
    public async Task AppendAsync_VouchedCompactResult_IsStoredVerbatimLikeAChecked()
    {
        using var manager = PersistenceManager.Open(_temp.Location());
        await using (var writer = manager.OpenWriter())
        {
            await writer.AppendAsync(TestItems.Item(1));
            await writer.AppendAsync(TestItems.Item(2) with { ResultIsCompactJson = true });
        }

        var lines = DirectoryAssert.ReadLines(Path.Combine(manager.Location.DirectoryPath, "results.jsonl"));
        Assert.Equal(2, lines.Count);
        Assert.Equal(
            System.Text.Encoding.UTF8.GetString(TestItems.Item(2).ResultJson.Span),
            lines[1].Root.GetProperty("result").GetRawText());
        Assert.Equal(
            lines[0].Root.GetProperty("result").GetProperty("node_map").EnumerateObject().Count(),
            lines[1].Root.GetProperty("result").GetProperty("node_map").EnumerateObject().Count());
    }

    [Theory]
    [InlineData("")]
    [InlineData("{\"a\":")]
    [InlineData("{} {}")]
    public async Task AppendAsync_InvalidResultJson_ThrowsArgumentExceptionAndWritesNothing(string json)
    {
        using var manager = PersistenceManager.Open(_temp.Location());
        await using (var writer = manager.OpenWriter())
        {
            await Assert.ThrowsAnyAsync<ArgumentException>(() => writer.AppendAsync(TestItems.Item(1) with { ResultJson = System.Text.Encoding.UTF8.GetBytes(json) }).AsTask());
        }

        Assert.Equal(0, manager.GetStatus().CompletedItems);
    }

    [Fact]
    public async Task EnsureConfig_FirstRun_WritesConfigWithIdentityKeys()
    {
        using var manager = PersistenceManager.Open(_temp.Location("gsm8k"));
        await using var writer = manager.OpenWriter();

        writer.EnsureConfig(new JsonObject { ["search"] = new JsonObject { ["max_depth"] = 3 } }, allowChange: false);

        var config = manager.LoadConfig()!;
        Assert.Equal(3, (int?)config["search"]!["max_depth"]);
        Assert.Equal("gsm8k", (string?)config["dataset_name"]);
        Assert.Equal("naive_linear_search", (string?)config["search_name"]);
        Assert.NotNull((string?)config["created_at"]);
    }

    [Fact]
    public async Task EnsureConfig_SameConfigWithOtherCreatedAt_IsAccepted()
    {
        using var manager = PersistenceManager.Open(_temp.Location());
        await using var writer = manager.OpenWriter();
        writer.EnsureConfig(new JsonObject { ["search"] = new JsonObject { ["max_depth"] = 3 }, ["created_at"] = "2020-01-01T00:00:00" }, allowChange: false);

        writer.EnsureConfig(new JsonObject { ["search"] = new JsonObject { ["max_depth"] = 3.0 }, ["created_at"] = "2025-01-01T00:00:00" }, allowChange: false);

        Assert.Equal("2020-01-01T00:00:00", (string?)manager.LoadConfig()!["created_at"]);
    }

    [Fact]
    public async Task EnsureConfig_DifferentConfig_ThrowsWithEachDifferenceAndHowToProceed()
    {
        using var manager = PersistenceManager.Open(_temp.Location());
        await using var writer = manager.OpenWriter();
        writer.EnsureConfig(new JsonObject { ["search"] = new JsonObject { ["max_depth"] = 3 }, ["verifier"] = "llm_judge", ["seed"] = 1 }, allowChange: false);

        var error = Assert.Throws<ConfigMismatchException>(() => writer.EnsureConfig(
            new JsonObject { ["search"] = new JsonObject { ["max_depth"] = 5 }, ["verifier"] = "exact", ["model"] = "m" }, allowChange: false));

        Assert.Contains("search.max_depth: 3 → 5", error.Message, StringComparison.Ordinal);
        Assert.Contains("verifier: \"llm_judge\" → \"exact\"", error.Message, StringComparison.Ordinal);
        Assert.Contains("seed: 1 → (absent)", error.Message, StringComparison.Ordinal);
        Assert.Contains("model: (absent) → \"m\"", error.Message, StringComparison.Ordinal);
        Assert.Contains("--overwrite", error.Message, StringComparison.Ordinal);
        Assert.Contains("--dataset", error.Message, StringComparison.Ordinal);
        Assert.Contains("--allow-config-change", error.Message, StringComparison.Ordinal);
        Assert.Equal(["model", "search.max_depth", "seed", "verifier"], error.Differences.Select(d => d.Path));
        Assert.Equal(3, (int?)manager.LoadConfig()!["search"]!["max_depth"]);
    }

    [Fact]
    public async Task EnsureConfig_DifferentConfigAllowed_ReplacesConfigAndKeepsThePreviousOne()
    {
        using var manager = PersistenceManager.Open(_temp.Location());
        await using var writer = manager.OpenWriter();
        writer.EnsureConfig(new JsonObject { ["max_depth"] = 3 }, allowChange: false);

        writer.EnsureConfig(new JsonObject { ["max_depth"] = 5 }, allowChange: true);

        Assert.Equal(5, (int?)manager.LoadConfig()!["max_depth"]);
        string previous = Assert.Single(Directory.GetFiles(manager.Location.DirectoryPath, "config.previous-*.json"));
        Assert.Equal(3, (int?)JsonNode.Parse(File.ReadAllText(previous))!["max_depth"]);
    }

    [Fact]
    public async Task EnsureConfig_OnlyOperationalSectionDiffers_IsAcceptedAndRecordsTheNewSection()
    {
        using var manager = PersistenceManager.Open(_temp.Location());
        await using var writer = manager.OpenWriter();
        writer.EnsureConfig(new JsonObject
        {
            ["search"] = new JsonObject { ["max_depth"] = 3 },
            ["created_at"] = "2020-01-01T00:00:00",
            ["operational"] = new JsonObject { ["budget"] = new JsonObject { ["max_total_tokens"] = 1000 } },
        }, allowChange: false);

        writer.EnsureConfig(new JsonObject
        {
            ["search"] = new JsonObject { ["max_depth"] = 3 },
            ["created_at"] = "2025-01-01T00:00:00",
            ["operational"] = new JsonObject { ["simulation"] = new JsonObject { ["latency_ms"] = 40 } },
        }, allowChange: false);

        var config = manager.LoadConfig()!;
        Assert.Equal("2020-01-01T00:00:00", (string?)config["created_at"]);
        Assert.Equal(40, (int?)config["operational"]!["simulation"]!["latency_ms"]);
        Assert.Null(config["operational"]!["budget"]);
        Assert.Empty(Directory.GetFiles(manager.Location.DirectoryPath, "config.previous-*.json"));
    }

    [Fact]
    public async Task EnsureConfig_OperationalKeyBelowTheTop_IsComparedLikeAnyOther()
    {
        using var manager = PersistenceManager.Open(_temp.Location());
        await using var writer = manager.OpenWriter();
        writer.EnsureConfig(new JsonObject { ["search"] = new JsonObject { ["operational"] = 1 } }, allowChange: false);

        var error = Assert.Throws<ConfigMismatchException>(() => writer.EnsureConfig(
            new JsonObject { ["search"] = new JsonObject { ["operational"] = 2 }, ["operational"] = new JsonObject() }, allowChange: false));

        Assert.Equal(["search.operational"], error.Differences.Select(d => d.Path));
    }
    [Fact]
    public async Task CommittedHandlerThrows_WriterStopsAndLaterCallsThrow()
    {
        using var manager = PersistenceManager.Open(_temp.Location());
        var writer = manager.OpenWriter(new WriterOptions { GroupCommitItems = 1 });
        writer.Committed += _ => throw new InvalidOperationException("boom");
        await writer.AppendAsync(TestItems.Item(1));

        await Assert.ThrowsAsync<InvalidOperationException>(() => writer.FlushAsync().AsTask());
        await Assert.ThrowsAsync<IOException>(() => writer.DisposeAsync().AsTask());

        // The item itself was committed before the handler ran, and the lock is released.
        Assert.True(manager.IsProcessed(TestItems.Id(1)));
        await using var next = manager.OpenWriter();
    }

    [Fact]
    public async Task AppendFails_FlushWaitingForTheGroupThrowsInsteadOfHanging()
    {
        using var manager = PersistenceManager.Open(_temp.Location());
        var writer = manager.OpenWriter(new WriterOptions { Durability = DurabilityLevel.None });

        // results.jsonl is created by the first append; a directory in its place makes that append fail.
        Directory.CreateDirectory(Path.Combine(manager.Location.DirectoryPath, "results.jsonl"));
        await writer.AppendAsync(TestItems.Item(1));

        Exception? flushError = await Record.ExceptionAsync(() => writer.FlushAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.NotNull(flushError);
        Assert.IsNotType<TimeoutException>(flushError);
        await Assert.ThrowsAsync<IOException>(() => writer.DisposeAsync().AsTask());
        Assert.False(manager.IsProcessed(TestItems.Id(1)));
    }

    private static string? Marker(ResultRecord record) =>
        record.Result.GetProperty("node_map").GetProperty("n0").GetProperty("metadata").GetProperty("marker").GetString();
}
