using System.Security.Cryptography;
using System.Text;
using CotForge.Core.Items;

namespace CotForge.Core.Tests.Items;

public sealed class ItemKeySetTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(4_095)]
    [InlineData(4_096)]
    [InlineData(50_000)]
    public void AgreesWithAHashSetThroughEveryMerge(int count)
    {
        var random = new Random(count);
        var set = new ItemKeySet();
        var reference = new Dictionary<UInt128, bool>();
        for (int i = 0; i < count; i++)
        {
            // Every fourth key repeats an earlier one, so duplicates cross merge boundaries.
            UInt128 key = i % 4 == 3 && i > 0 ? Key(random.Next(i)) : Key(i);
            bool flag = random.Next(2) == 1;
            Assert.Equal(reference.TryAdd(key, flag), set.Add(key, flag));
        }

        Assert.Equal(reference.Count, set.Count);
        foreach (var (key, flag) in reference)
        {
            Assert.True(set.TryGetFlag(key, out bool stored));
            Assert.Equal(flag, stored);
            Assert.True(set.Contains(key));
        }

        for (int i = count; i < count + 1_000; i++)
        {
            Assert.False(set.Contains(Key(i)));
            Assert.False(set.TryGetFlag(Key(i), out _));
        }
    }

    [Fact]
    public void KeepsZeroAndTheExtremesApart()
    {
        var set = new ItemKeySet();
        Assert.True(set.Add(UInt128.Zero, flag: true));
        Assert.True(set.Add(UInt128.MaxValue));
        Assert.False(set.Add(UInt128.Zero, flag: false));
        Assert.True(set.TryGetFlag(UInt128.Zero, out bool zeroFlag) && zeroFlag);
        Assert.True(set.TryGetFlag(UInt128.MaxValue, out bool maxFlag) && !maxFlag);
        Assert.False(set.Contains(UInt128.One));
    }

    [Fact]
    public void BuildsFromUnsortedKeysKeepingTheFirstOfADuplicate()
    {
        UInt128[] keys = [Key(3), Key(1), Key(2), Key(1)];
        var set = ItemKeySet.FromUnsorted(keys, [false, true, false, false]);
        Assert.Equal(3, set.Count);
        Assert.True(set.TryGetFlag(Key(1), out bool flag) && flag);
        Assert.False(set.Add(Key(2)));
        for (int i = 10; i < 10_000; i++)
        {
            Assert.True(set.Add(Key(i), flag: i % 2 == 0));
        }

        Assert.True(set.TryGetFlag(Key(1), out flag) && flag);
        Assert.True(set.TryGetFlag(Key(9_998), out flag) && flag);
        Assert.True(set.TryGetFlag(Key(9_999), out flag) && !flag);
        Assert.Throws<ArgumentException>(() => ItemKeySet.FromUnsorted([Key(1)], []));
    }

    [Fact]
    public void BuildsFromSortedKeysAndRaisesFlagsWithoutClearingThem()
    {
        UInt128[] keys = [.. Enumerable.Range(0, 9_000).Select(Key).Order(), UInt128.Zero];
        var flags = new System.Collections.BitArray(keys.Length);
        flags[0] = true;
        var set = ItemKeySet.FromSorted(keys, 9_000, flags);
        Assert.Equal(9_000, set.Count);
        Assert.False(set.Contains(UInt128.Zero));
        Assert.True(set.TryGetFlag(keys[0], out bool flag) && flag);

        set.AddOrRaise(keys[0], flag: false);
        set.AddOrRaise(keys[1], flag: true);
        set.AddOrRaise(Key(50_000), flag: false);
        set.AddOrRaise(Key(50_000), flag: true);
        set.AddOrRaise(Key(50_000), flag: false);
        Assert.True(set.TryGetFlag(keys[0], out flag) && flag);
        Assert.True(set.TryGetFlag(keys[1], out flag) && flag);
        Assert.True(set.TryGetFlag(Key(50_000), out flag) && flag);
        Assert.Equal(9_001, set.Count);

        // Out of order: sorted on the way in, flags kept with their keys.
        UInt128[] shuffled = [Key(2), Key(1)];
        var shuffledFlags = new System.Collections.BitArray([true, false]);
        var fromShuffled = ItemKeySet.FromSorted(shuffled, 2, shuffledFlags);
        Assert.True(fromShuffled.TryGetFlag(Key(2), out flag) && flag);
        Assert.True(fromShuffled.TryGetFlag(Key(1), out flag) && !flag);
    }

    private static UInt128 Key(int i)
    {
        Span<byte> hash = stackalloc byte[16];
        MD5.HashData(Encoding.UTF8.GetBytes("item " + i), hash);
        return System.Buffers.Binary.BinaryPrimitives.ReadUInt128BigEndian(hash);
    }
}
