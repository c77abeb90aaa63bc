using CotForge.Core.Items;
using CotForge.Pipeline.Dedupe;
using CotForge.Storage;

namespace CotForge.Pipeline.Tests.Dedupe;

public sealed class PersistenceLookupTests
{
    [Fact]
    public async Task FindProcessed_ResumeOverAProcessedInput_PreloadsAndAnswersFromMemoryLikeTheIndex()
    {
        using var dir = new TempDirectory();
        using PersistenceManager manager = await ManagerWithAsync(dir.Path, 3000);
        var lookup = new PersistenceLookup(manager, preloadLimit: 10_000);
        var dedupe = new InputDeduplicator(lookup, includeUnverified: true, runSeed: 0);
        var rows = Enumerable.Range(0, 3100).Select(i => new Pipeline.Load.InputRow($"q{i}", "a", i + 1)).ToList();

        int fresh = 0, processed = 0;
        foreach (var chunk in rows.Chunk(512))
        {
            DedupeResult result = dedupe.Process(chunk);
            fresh += result.Fresh.Count;
            processed += result.AlreadyProcessed;
        }

        Assert.True(lookup.Preloaded);
        Assert.Equal(3000, processed);
        Assert.Equal(100, fresh);
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(10_000, false)]
    public async Task FindProcessed_PreloadDisabledOrRetryingUnverified_StaysOnTheIndex(long limit, bool includeUnverified)
    {
        using var dir = new TempDirectory();
        using PersistenceManager manager = await ManagerWithAsync(dir.Path, 2500);
        var lookup = new PersistenceLookup(manager, limit);

        IReadOnlySet<string> found = lookup.FindProcessed(Enumerable.Range(0, 2500).Select(i => ItemId.Compute($"q{i}", "a")).ToList(), includeUnverified);

        Assert.False(lookup.Preloaded);
        Assert.Equal(2500, found.Count);
    }

    [Fact]
    public async Task TryContains_DirectoryEmptyWhenTheRunStarts_AnswersNewForEveryIdWithoutAskingTheIndex()
    {
        using var dir = new TempDirectory();
        using PersistenceManager manager = await ManagerWithAsync(dir.Path, 0);
        var lookup = new PersistenceLookup(manager, preloadLimit: 10_000);
        UInt128 key = ItemKey.Compute("q1", "a");

        Assert.True(lookup.StartedEmpty);
        Assert.True(lookup.TryContains(key, includeUnverified: true, out bool processed));
        Assert.False(processed);
        Assert.True(lookup.TryContains(key, includeUnverified: false, out processed));
        Assert.False(processed);
        Assert.Empty(lookup.FindProcessed([ItemKey.ToId(key)], includeUnverified: true));
    }

    [Fact]
    public async Task TryContains_DirectoryWithProcessedIds_LeavesTheAnswerToTheIndex()
    {
        using var dir = new TempDirectory();
        using PersistenceManager manager = await ManagerWithAsync(dir.Path, 1);
        var lookup = new PersistenceLookup(manager, preloadLimit: 10_000);

        Assert.False(lookup.StartedEmpty);
        Assert.False(lookup.TryContains(ItemKey.Compute("q0", "a"), includeUnverified: true, out _));
        Assert.Single(lookup.FindProcessed([ItemId.Compute("q0", "a"), ItemId.Compute("q1", "a")], includeUnverified: true));
    }

    private static async Task<PersistenceManager> ManagerWithAsync(string baseDirectory, int items)
    {
        var manager = PersistenceManager.Open(DatasetLocation.Create(baseDirectory, "set", "naive_linear_search"));
        await using (DatasetWriter writer = manager.OpenWriter(new WriterOptions { Durability = DurabilityLevel.None }))
        {
            for (int i = 0; i < items; i++)
            {
                await writer.AppendAsync(new CompletedItem(ItemId.Compute($"q{i}", "a"), $"q{i}", "a", true, DateTimeOffset.UnixEpoch, "{}"u8.ToArray(), []));
            }
        }

        return manager;
    }
}
