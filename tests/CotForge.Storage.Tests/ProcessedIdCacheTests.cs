using CotForge.Storage.Index;
using CotForge.Storage.Tests.Support;

namespace CotForge.Storage.Tests;

public sealed class ProcessedIdCacheTests : IDisposable
{
    private static readonly PersistenceOptions CacheEarly = new() { LookupCacheMinItems = 1 };
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData("0123456789abcdef0123456789abcdef", true)]
    [InlineData("0123456789ABCDEF0123456789abcdef", false)]
    [InlineData("0123456789abcdef0123456789abcde", false)]
    [InlineData("g123456789abcdef0123456789abcdef", false)]
    [InlineData("not-an-md5", false)]
    public void TryParse_OnlyLowercaseMd5Hex_IsCacheable(string id, bool expected)
    {
        Assert.Equal(expected, ProcessedIdCache.TryParse(id, out _));
    }

    [Fact]
    public async Task FindProcessed_AfterCacheIsBuilt_AnswersExactlyLikeTheIndex()
    {
        await WriteAsync(Enumerable.Range(0, 40), i => i % 3 != 0);
        using var manager = PersistenceManager.Open(_temp.Location(), CacheEarly);
        var query = Enumerable.Range(0, 80).Select(i => TestItems.Id(i)).Append("not-an-md5").ToList();

        var first = manager.FindProcessed(query, includeUnverified: false);
        var all = manager.FindProcessed(query);
        var succeeded = manager.FindProcessed(query, includeUnverified: false);

        Assert.True(manager.LookupCacheActive);
        Assert.Equal(Enumerable.Range(0, 40).Where(i => i % 3 != 0).Select(i => TestItems.Id(i)).ToHashSet(), first);
        Assert.Equal(first, succeeded);
        Assert.Equal(Enumerable.Range(0, 40).Select(i => TestItems.Id(i)).ToHashSet(), all);
        Assert.True(manager.IsProcessed(TestItems.Id(39)));
        Assert.False(manager.IsProcessed(TestItems.Id(40)));
    }

    [Fact]
    public async Task FindProcessed_CacheBuiltWhileOwnWriterHoldsAnOpenIndexBatch_HasTheBatchsItems()
    {
        await WriteAsync(Enumerable.Range(0, 10), _ => true);
        using var manager = PersistenceManager.Open(_temp.Location(), CacheEarly);
        // One group of five whose index batch stays open (no idle commit): its lines are durable, SQLite does not show its rows.
        await using var writer = manager.OpenWriter(new WriterOptions
        {
            GroupCommitItems = 5, MaxGroupItems = 5, GroupCommitInterval = TimeSpan.FromMinutes(1), IndexIdleCommitWait = TimeSpan.FromHours(1),
        });
        for (int i = 10; i < 15; i++)
        {
            await writer.AppendAsync(TestItems.Item(i));
        }

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (manager.IndexingNotCommittedCount < 5 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }

        Assert.Equal(5, manager.IndexingNotCommittedCount);
        Assert.False(manager.LookupCacheActive);

        var found = manager.FindProcessed(Enumerable.Range(0, 15).Select(i => TestItems.Id(i)).ToList());

        Assert.True(manager.LookupCacheActive);
        Assert.Equal(Enumerable.Range(0, 15).Select(i => TestItems.Id(i)).ToHashSet(), found);
        await writer.FlushAsync();
        Assert.Equal(0, manager.IndexingNotCommittedCount);
    }

    [Fact]
    public async Task FindProcessed_OwnWriterCommitsAfterCacheIsBuilt_SeesEveryCommittedItem()
    {
        await WriteAsync(Enumerable.Range(0, 10), i => i != 5);
        using var manager = PersistenceManager.Open(_temp.Location(), CacheEarly);
        manager.FindProcessed(Enumerable.Range(0, 10).Select(i => TestItems.Id(i)).ToList());
        var seenAtCommit = new List<bool>();
        await using (var writer = manager.OpenWriter(new WriterOptions { GroupCommitItems = 1 }))
        {
            writer.Committed += ids => seenAtCommit.AddRange(ids.Select(id => manager.FindProcessed([id], includeUnverified: false).Count == 1));
            await writer.AppendAsync(TestItems.Item(10));
            await writer.AppendAsync(TestItems.Item(5, success: true));
            await writer.FlushAsync();
        }

        Assert.True(manager.LookupCacheActive);
        Assert.Equal([true, true], seenAtCommit);
        Assert.Equal(11, manager.FindProcessed(Enumerable.Range(0, 12).Select(i => TestItems.Id(i)).ToList(), includeUnverified: false).Count);
    }

    [Fact]
    public async Task FindProcessed_AnotherWriterCommitsWhileNoOwnWriterIsOpen_DropsTheCacheAndSeesIt()
    {
        await WriteAsync(Enumerable.Range(0, 10), _ => true);
        using var reader = PersistenceManager.Open(_temp.Location(), CacheEarly);
        Assert.Equal(10, reader.FindProcessed(Enumerable.Range(0, 21).Select(i => TestItems.Id(i)).ToList()).Count);
        Assert.True(reader.LookupCacheActive);

        using (var other = PersistenceManager.Open(_temp.Location()))
        await using (var writer = other.OpenWriter())
        {
            await writer.AppendAsync(TestItems.Item(20));
        }

        Assert.Equal([TestItems.Id(20)], reader.FindProcessed([TestItems.Id(20)]));
        Assert.True(reader.IsProcessed(TestItems.Id(20)));
    }

    [Fact]
    public async Task FindProcessed_AfterDelete_NoLongerReportsTheDeletedItem()
    {
        await WriteAsync(Enumerable.Range(0, 10), _ => true);
        using var manager = PersistenceManager.Open(_temp.Location(), CacheEarly);
        Assert.Single(manager.FindProcessed([TestItems.Id(3)]));

        manager.Delete(TestItems.Id(3));

        Assert.Empty(manager.FindProcessed([TestItems.Id(3)]));
    }

    private async Task WriteAsync(IEnumerable<int> items, Func<int, bool> success)
    {
        using var manager = PersistenceManager.Open(_temp.Location());
        await using var writer = manager.OpenWriter();
        foreach (int i in items)
        {
            await writer.AppendAsync(TestItems.Item(i, success: success(i), resultBytes: 100));
        }
    }
}
