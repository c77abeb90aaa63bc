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

    private static UInt128 Key(int i)
    {
        Span<byte> hash = stackalloc byte[16];
        MD5.HashData(Encoding.UTF8.GetBytes("item " + i), hash);
        return System.Buffers.Binary.BinaryPrimitives.ReadUInt128BigEndian(hash);
    }
}
