using CotForge.Core.Items;
using CotForge.Pipeline.Dedupe;
using CotForge.Pipeline.Load;
using CotForge.Pipeline.Tests.Fakes;

namespace CotForge.Pipeline.Tests.Dedupe;

public sealed class InputDeduplicatorTests
{
    [Fact]
    public void Process_RepeatsWithinAndAcrossBatches_FirstOccurrenceWins()
    {
        var dedupe = new InputDeduplicator(null, includeUnverified: true, runSeed: 1);

        DedupeResult first = dedupe.Process([new InputRow("q", "a", 1), new InputRow("q", "a", 2), new InputRow("q", "b", 3)]);
        DedupeResult second = dedupe.Process([new InputRow("q", "b", 4), new InputRow("r", "a", 5)]);

        Assert.Equal([1L, 3], first.Fresh.Select(i => i.Line));
        Assert.Equal(1, first.InputDuplicates);
        Assert.Equal([5L], second.Fresh.Select(i => i.Line));
        Assert.Equal(1, second.InputDuplicates);
        Assert.Equal(3, dedupe.SeenCount);
    }

    [Fact]
    public void Process_AlreadyProcessedIds_DroppedWithOneLookupPerBatch()
    {
        var lookup = new InMemoryLookup([ItemId.Compute("q2", "a")]);
        var dedupe = new InputDeduplicator(lookup, includeUnverified: true, runSeed: 1);

        DedupeResult result = dedupe.Process([new InputRow("q1", "a", 1), new InputRow("q2", "a", 2), new InputRow("q1", "a", 3)]);

        Assert.Equal(["q1"], result.Fresh.Select(i => i.Question));
        Assert.Equal(1, result.AlreadyProcessed);
        Assert.Equal(1, result.InputDuplicates);
        Assert.Equal(1, lookup.Queries);
        Assert.Equal([2], lookup.BatchSizes);
    }

    [Fact]
    public void Process_Item_CarriesIdSeedAndContext()
    {
        var dedupe = new InputDeduplicator(null, includeUnverified: true, runSeed: 9);

        var item = Assert.Single(dedupe.Process([new InputRow("What?", "42", 7)]).Fresh);

        Assert.Equal(ItemId.Compute("What?", "42"), item.Id);
        Assert.Equal(new ItemContext(item.Id, "What?", "42"), item.Context);
        Assert.Equal(Pipeline.Items.ItemSeed.Derive(9, item.Key), item.Seed);
    }
}
