using System.Buffers.Binary;
using CotForge.Core.Items;
using CotForge.Pipeline.Dedupe;

namespace CotForge.Pipeline.Tests.Dedupe;

public sealed class ItemKeyTests
{
    [Theory]
    [InlineData("What is 2+2?", "4")]
    [InlineData("Janet\u2019s ducks — ünïcode", "18")]
    [InlineData("", "")]
    public void Compute_SameIdAsCoreAndKeyIsTheHashBytes(string question, string answer)
    {
        UInt128 key = ItemKey.Compute(question, answer, out string id);

        Assert.Equal(ItemId.Compute(question, answer), id);
        Span<byte> bytes = stackalloc byte[16];
        BinaryPrimitives.WriteUInt128BigEndian(bytes, key);
        Assert.Equal(id, Convert.ToHexStringLower(bytes));
    }

    [Fact]
    public void Compute_LongText_UsesPooledBufferAndMatchesCore()
    {
        string question = new('x', 5000);

        ItemKey.Compute(question, "a", out string id);

        Assert.Equal(ItemId.Compute(question, "a"), id);
    }

    [Theory]
    [InlineData("0123456789abcdef0123456789abcdef", true)]
    [InlineData("0123456789ABCDEF0123456789abcdef", true)]
    [InlineData("0123456789abcdef0123456789abcde", false)]
    [InlineData("0123456789abcdef0123456789abcdef00", false)]
    [InlineData("g123456789abcdef0123456789abcdef", false)]
    public void TryParse_ThirtyTwoHexDigits_IsTheInverseOfToId(string id, bool expected)
    {
        Assert.Equal(expected, ItemKey.TryParse(id, out UInt128 key));
        if (expected)
        {
            Assert.Equal(id.ToLowerInvariant(), ItemKey.ToId(key));
        }
    }
}
