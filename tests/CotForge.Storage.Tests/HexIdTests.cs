using CotForge.Storage.Index;

namespace CotForge.Storage.Tests;

public sealed class HexIdTests
{
    [Theory]
    [InlineData("0123456789abcdef0123456789abcdef", true)]
    [InlineData("ffffffffffffffffffffffffffffffff", true)]
    [InlineData("00000000000000000000000000000000", true)]
    [InlineData("0123456789ABCDEF0123456789abcdef", false)]
    [InlineData("0123456789abcdef0123456789abcde", false)]
    [InlineData("0123456789abcdef0123456789abcdef0", false)]
    [InlineData("g123456789abcdef0123456789abcdef", false)]
    [InlineData("0123456789abcdef0123456789abcde\u00e9", false)]
    public void TryParse_TextAndUtf8_AgreeAndAcceptOnlyLowercaseMd5Hex(string id, bool expected)
    {
        bool fromText = HexId.TryParse(id, out var textKey);
        bool fromUtf8 = HexId.TryParse(System.Text.Encoding.UTF8.GetBytes(id), out var utf8Key);

        Assert.Equal(expected, fromText);
        Assert.Equal(expected, fromUtf8);
        Assert.Equal(textKey, utf8Key);
        if (expected)
        {
            Assert.Equal(id, HexId.ToString(textKey));
        }
    }

    [Fact]
    public void Keys_SortLikeTheIdsAsText()
    {
        var random = new Random(3);
        var ids = Enumerable.Range(0, 200).Select(_ => Convert.ToHexString(random.NextBytes16()).ToLowerInvariant()).ToList();

        var byKey = ids.OrderBy(id => HexId.TryParse(id, out var key) ? key : default).ToList();

        Assert.Equal(ids.Order(StringComparer.Ordinal), byKey);
    }
}

internal static class RandomExtensions
{
    public static byte[] NextBytes16(this Random random)
    {
        byte[] bytes = new byte[16];
        random.NextBytes(bytes);
        return bytes;
    }
}
