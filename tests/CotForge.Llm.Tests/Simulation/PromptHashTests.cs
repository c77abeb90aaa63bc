using CotForge.Llm.Simulation;

namespace CotForge.Llm.Tests.Simulation;

public sealed class PromptHashTests
{
    private const ulong Pinned = 0x3EA7C74A62E2C28FUL;

    [Fact]
    public void Of_KnownText_IsPinned()
    {
        // Every simulated reply for a seed hangs on this value: if it moves, runs pinned to a seed move with it.
        Assert.Equal(Pinned, PromptHash.Of("[cotforge:strategy-step]\nWhat is 6 x 7?", 0));
    }

    [Fact]
    public void Of_EveryLengthAndOneCharacterChanged_GivesDistinctValues()
    {
        var seen = new HashSet<ulong>();
        string text = string.Concat(Enumerable.Range(0, 80).Select(i => (char)('a' + (i % 26))));
        for (int length = 0; length <= text.Length; length++)
        {
            string prefix = text[..length];
            Assert.True(seen.Add(PromptHash.Of(prefix, 0)), $"length {length}");
            Assert.True(seen.Add(PromptHash.Of(prefix, 1)), $"length {length}, seed 1");
            Assert.True(seen.Add(PromptHash.Of(prefix + '\0', 0)), $"length {length} padded with a zero");
            for (int at = 0; at < length; at++)
            {
                Assert.True(seen.Add(PromptHash.Of(prefix[..at] + 'Z' + prefix[(at + 1)..], 0)), $"length {length}, change at {at}");
            }
        }
    }

    [Fact]
    public void Of_SimilarPrompts_SpreadEvenlyOverLowAndHighBits()
    {
        const int Keys = 64_000;
        const int Buckets = 64;
        var low = new int[Buckets];
        var high = new int[Buckets];
        for (int i = 0; i < Keys; i++)
        {
            ulong hash = PromptHash.Of($"<question>How many apples are in basket {i}?</question>", 7);
            low[(int)(hash % Buckets)]++;
            high[(int)(hash >> 58)]++;
        }

        // 1000 expected per bucket, standard deviation about 31: five of them either way.
        Assert.All(low, count => Assert.InRange(count, 845, 1155));
        Assert.All(high, count => Assert.InRange(count, 845, 1155));
    }

    [Fact]
    public void Combine_OrderAndValues_Matter()
    {
        Assert.NotEqual(PromptHash.Combine(1, 2), PromptHash.Combine(2, 1));
        Assert.NotEqual(PromptHash.Combine(0, 0), PromptHash.Combine(0, 1));
        Assert.Equal(PromptHash.Combine(5, 9), PromptHash.Combine(5, 9));
    }
}
