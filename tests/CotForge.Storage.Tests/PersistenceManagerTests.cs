using CotForge.Storage.Tests.Support;

namespace CotForge.Storage.Tests;

public sealed class PersistenceManagerTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task FindProcessed_IdsSpanningManyBatches_ReturnsExactlyTheCommittedOnes()
    {
        await WriteAsync(100, successEvery: 2);
        using var manager = PersistenceManager.Open(_temp.Location(), new PersistenceOptions { LookupBatchSize = 7 });
        var query = Enumerable.Range(0, 250).Select(i => TestItems.Id(i)).ToList();

        var all = manager.FindProcessed(query);
        var succeeded = manager.FindProcessed(query, includeUnverified: false);

        Assert.Equal(Enumerable.Range(0, 100).Select(i => TestItems.Id(i)).ToHashSet(), all);
        Assert.Equal(Enumerable.Range(0, 100).Where(i => i % 2 == 0).Select(i => TestItems.Id(i)).ToHashSet(), succeeded);
        Assert.Empty(manager.FindProcessed([]));
    }

    [Fact]
    public async Task GetStatus_MixedOutcomes_CountsEachOutcome()
    {
        using var manager = PersistenceManager.Open(_temp.Location());
        await using (var writer = manager.OpenWriter())
        {
            for (int i = 0; i < 10; i++)
            {
                await writer.AppendAsync(TestItems.Item(i, success: i < 7));
            }

            await writer.AppendErrorAsync(new ErrorRecord("f1", "search", "provider_error", "x", 6, TestItems.Time));
            await writer.AppendErrorAsync(new ErrorRecord("f1", "search", "provider_error", "again", 6, TestItems.Time));
            await writer.AppendErrorAsync(new ErrorRecord("f2", "post_process", "unparseable_output", "x", 3, TestItems.Time));
            for (int r = 0; r < 4; r++)
            {
                await writer.AppendRejectAsync(new RejectRecord("in.csv", r + 1, "missing answer", "q,"));
            }
        }

        var status = manager.GetStatus();

        Assert.Equal("ds", status.DatasetName);
        Assert.Equal("naive_linear_search", status.SearchName);
        Assert.Equal(10, status.CompletedItems);
        Assert.Equal(7, status.SuccessfulItems);
        Assert.Equal(3, status.UnverifiedItems);
        Assert.Equal(2, status.FailedItems);
        Assert.Equal(4, status.RejectedRows);
        Assert.NotNull(status.LastUpdated);
        Assert.Equal(["f1", "f2"], manager.GetFailedIds());
    }

    [Fact]
    public async Task Delete_ById_RemovesTheItemFromBothFilesIndexAndMetadata()
    {
        await WriteAsync(5);
        using var manager = PersistenceManager.Open(_temp.Location());

        Assert.True(manager.Delete(TestItems.Id(2)));

        Assert.False(manager.IsProcessed(TestItems.Id(2)));
        Assert.Equal(4, DirectoryAssert.Consistent(manager).Count);
        Assert.DoesNotContain(TestItems.Id(2), File.ReadAllText(Path.Combine(manager.Location.DirectoryPath, "results.jsonl")), StringComparison.Ordinal);
        Assert.DoesNotContain(TestItems.Id(2), File.ReadAllText(Path.Combine(manager.Location.DirectoryPath, "metadata.json")), StringComparison.Ordinal);
        Assert.Equal([0, 1, 3, 4], (await manager.LoadResultsAsync().ToListAsync()).Select(r => int.Parse(r.GroundTruth, System.Globalization.CultureInfo.InvariantCulture) / 2));
    }

    [Fact]
    public async Task Delete_ByQuestionAndAnswer_RemovesThatItemOnly()
    {
        await WriteAsync(3);
        using var manager = PersistenceManager.Open(_temp.Location());

        Assert.True(manager.Delete(TestItems.Question(0), TestItems.Answer(0)));
        Assert.False(manager.Delete(TestItems.Question(0), TestItems.Answer(0)));
        Assert.False(manager.Delete("unknown"));

        Assert.Equal(2, DirectoryAssert.Consistent(manager).Count);
    }

    [Fact]
    public async Task Reset_RemovesEveryFileAndLeavesAWorkingEmptyDataset()
    {
        await WriteAsync(3);
        using var manager = PersistenceManager.Open(_temp.Location());
        File.WriteAllText(Path.Combine(manager.Location.DirectoryPath, "results.jsonl.torn"), "x");

        manager.Reset();

        Assert.Equal(0, manager.GetStatus().CompletedItems);
        Assert.Null(manager.LoadConfig());
        Assert.False(File.Exists(Path.Combine(manager.Location.DirectoryPath, "results.jsonl")));
        Assert.False(File.Exists(Path.Combine(manager.Location.DirectoryPath, "results.jsonl.torn")));
        Assert.False(manager.IsProcessed(TestItems.Id(0)));
        await using (var writer = manager.OpenWriter())
        {
            await writer.AppendAsync(TestItems.Item(9));
        }

        Assert.Single(DirectoryAssert.Consistent(manager));
    }

    [Fact]
    public async Task LoadProcessedIdsAsync_StreamsEveryCommittedId()
    {
        await WriteAsync(5000 / 100);
        using var manager = PersistenceManager.Open(_temp.Location());

        var ids = await manager.LoadProcessedIdsAsync().ToListAsync();

        Assert.Equal(Enumerable.Range(0, 50).Select(i => TestItems.Id(i)).Order(StringComparer.Ordinal), ids);
    }

    [Fact]
    public async Task LoadResultsAsync_Cancelled_StopsWithOperationCanceled()
    {
        await WriteAsync(20);
        using var manager = PersistenceManager.Open(_temp.Location());
        using var cts = new CancellationTokenSource();
        int seen = 0;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var unused in manager.LoadResultsAsync(cts.Token))
            {
                if (++seen == 3)
                {
                    await cts.CancelAsync();
                }
            }
        });

        Assert.Equal(3, seen);
    }

    [Fact]
    public async Task OpenWriter_Twice_ThrowsUntilTheFirstIsDisposed()
    {
        using var manager = PersistenceManager.Open(_temp.Location());
        var first = manager.OpenWriter();

        Assert.Throws<InvalidOperationException>(() => manager.OpenWriter());

        await first.DisposeAsync();
        await using var second = manager.OpenWriter();
    }

    private async Task WriteAsync(int count, int successEvery = 1)
    {
        using var manager = PersistenceManager.Open(_temp.Location());
        await using var writer = manager.OpenWriter();
        for (int i = 0; i < count; i++)
        {
            await writer.AppendAsync(TestItems.Item(i, success: i % successEvery == 0));
        }
    }
}
