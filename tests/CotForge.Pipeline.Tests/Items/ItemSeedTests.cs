using CotForge.Pipeline.Items;

namespace CotForge.Pipeline.Tests.Items;

public sealed class ItemSeedTests
{
    [Fact]
    public void Derive_SameInputs_SameNonNegativeSeed()
    {
        UInt128 key = new(0x0123456789ABCDEF, 0xFEDCBA9876543210);

        Assert.Equal(ItemSeed.Derive(5, key), ItemSeed.Derive(5, key));
        Assert.True(ItemSeed.Derive(5, key) >= 0);
    }

    [Fact]
    public void Derive_DifferentRunSeedOrItem_DifferentSeeds()
    {
        UInt128 key = new(1, 2);

        Assert.NotEqual(ItemSeed.Derive(1, key), ItemSeed.Derive(2, key));
        Assert.NotEqual(ItemSeed.Derive(1, key), ItemSeed.Derive(1, new UInt128(1, 3)));
        Assert.Equal(1000, Enumerable.Range(0, 1000).Select(i => ItemSeed.Derive(0, new UInt128(0, (ulong)i))).Distinct().Count());
    }
}
