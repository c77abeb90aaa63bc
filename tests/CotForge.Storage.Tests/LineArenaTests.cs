using System.Text;
using CotForge.Storage.Writing;

namespace CotForge.Storage.Tests;

public sealed class LineArenaTests
{
    private static byte[] Line(int n, int length)
    {
        var bytes = new byte[length];
        for (int i = 0; i < length; i++)
        {
            bytes[i] = (byte)('a' + ((n + i) % 26));
        }

        return bytes;
    }

    [Fact]
    public async Task Copy_FromFourThreadsThenReleasedRoundAfterRound_KeepsEveryLineAndReusesTheSameChunks()
    {
        var arena = new LineArena();
        int afterFirstRound = 0;
        for (int round = 0; round < 5; round++)
        {
            var slices = await Task.WhenAll(Enumerable.Range(0, 4).Select(t => Task.Run(() =>
                Enumerable.Range(0, 500).Select(i => (N: (t * 1000) + i, Slice: arena.Copy(Line((t * 1000) + i, 100 + (i % 7 * 1000))))).ToList())));

            foreach (var (n, slice) in slices.SelectMany(s => s))
            {
                Assert.Equal(Line(n, 100 + (n % 1000 % 7 * 1000)), slice.Span.ToArray());
            }

            foreach (var (_, slice) in slices.SelectMany(s => s))
            {
                arena.Release(slice);
            }

            if (round == 0)
            {
                afterFirstRound = arena.ChunksAllocated;
            }
        }

        // 2,000 lines of ~3.1 KB are ~6 MB: about a hundred 64 KB chunks, allocated once and reused after (a few
        // more when four threads' lines pack less tightly in a later round; without reuse it would be ~500).
        Assert.InRange(afterFirstRound, 90, 125);
        Assert.InRange(arena.ChunksAllocated, afterFirstRound, afterFirstRound + 10);
    }

    [Fact]
    public void Copy_WhileOneLineOfAFilledChunkIsHeld_DoesNotReuseThatChunk()
    {
        var arena = new LineArena();
        var held = arena.Copy(Encoding.UTF8.GetBytes("{\"keep\":true}"));
        for (int i = 0; i < 2000; i++)
        {
            arena.Release(arena.Copy(Line(i, 16000)));
        }

        Assert.Equal("{\"keep\":true}", Encoding.UTF8.GetString(held.Span));
        Assert.True(arena.ChunksAllocated >= 2);
        arena.Release(held);
    }

    [Fact]
    public void Copy_LineLongerThanHalfAChunk_GetsItsOwnArrayAndLeavesTheChunksAlone()
    {
        var arena = new LineArena();
        var big = Line(3, (LineArena.ChunkSize / 2) + 1);

        var slice = arena.Copy(big);
        arena.Release(slice);

        Assert.Equal(big, slice.Span.ToArray());
        Assert.Equal(0, arena.ChunksAllocated);
    }

    [Fact]
    public void Format_WritesThroughTheScratchBufferAndCopiesExactlyTheWrittenBytes()
    {
        var arena = new LineArena();

        var first = arena.Format("alpha", static (buffer, s) => buffer.Write(Encoding.UTF8.GetBytes(s + "\n")));
        var second = arena.Format("beta", static (buffer, s) => buffer.Write(Encoding.UTF8.GetBytes(s + "\n")));

        Assert.Equal("alpha\n", Encoding.UTF8.GetString(first.Span));
        Assert.Equal("beta\n", Encoding.UTF8.GetString(second.Span));
        Assert.Equal(1, arena.ChunksAllocated);
    }
}
