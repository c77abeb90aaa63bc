using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace CotForge.Llm.Simulation;

/// <summary>
/// A fast, stable 64-bit hash of text for the simulated provider's keys. It only has to spread prompts evenly and
/// stay the same across runs and machines; nothing adversarial depends on it, so a cryptographic hash (SHA-256 plus a
/// UTF-8 copy of every prompt, once ~3.5 % of a whole run's CPU) bought nothing. Reads the UTF-16 code units in place,
/// 32 bytes per step in four independent lanes (each a 64×64→128-bit multiply folded to 64 bits), then folds the lanes
/// together and finishes with the seed and length through <see cref="DeterministicRandom.Mix"/>.
/// </summary>
/// <remarks>
/// The simulator's loops over prompts (this, <see cref="JsonSteps"/>, <see cref="ReplyBuilder"/>, <see cref="PromptSpans"/>)
/// are marked <see cref="MethodImplOptions.AggressiveOptimization"/>: a 10,000-item run is over in seconds, and a
/// profile of one showed them still running unoptimised tier-0 code for much of it, slower than the native SHA-256
/// and precompiled JsonDocument they replaced.
/// Reads machine words, so the value is the same on every little-endian platform (all of .NET's mainstream ones). Changing this function changes
/// every simulated reply for a seed (not their statistics), so do it only with that in mind.
/// </remarks>
internal static class PromptHash
{
    // Odd 64-bit constants (SplitMix64's), one per lane so equal blocks in different lanes do not cancel.
    private const ulong K0 = 0x9E3779B97F4A7C15UL;
    private const ulong K1 = 0xBF58476D1CE4E5B9UL;
    private const ulong K2 = 0x94D049BB133111EBUL;
    private const ulong K3 = 0xD1B54A32D192ED03UL;

    /// <summary>The hash of <paramref name="text"/>, continuing from <paramref name="seed"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static ulong Of(ReadOnlySpan<char> text, ulong seed)
    {
        var bytes = MemoryMarshal.AsBytes(text);
        ulong a = seed ^ K0;
        ulong b = seed ^ K1;
        ulong c = seed ^ K2;
        ulong d = seed ^ K3;
        int i = 0;
        for (; i + 32 <= bytes.Length; i += 32)
        {
            a = Fold(a ^ Read(bytes, i), K0);
            b = Fold(b ^ Read(bytes, i + 8), K1);
            c = Fold(c ^ Read(bytes, i + 16), K2);
            d = Fold(d ^ Read(bytes, i + 24), K3);
        }

        // The last 0–31 bytes: whole words into the lanes in turn, then the last 0–3 characters as one word. The
        // length mixed in below keeps the zero padding of that word from colliding with real zeros.
        if (i + 8 <= bytes.Length)
        {
            a = Fold(a ^ Read(bytes, i), K0);
            i += 8;
        }

        if (i + 8 <= bytes.Length)
        {
            b = Fold(b ^ Read(bytes, i), K1);
            i += 8;
        }

        if (i + 8 <= bytes.Length)
        {
            c = Fold(c ^ Read(bytes, i), K2);
            i += 8;
        }

        if (i < bytes.Length)
        {
            ulong last = 0;
            for (int shift = 0; i < bytes.Length; i++, shift += 8)
            {
                last |= (ulong)bytes[i] << shift;
            }

            d = Fold(d ^ last, K3);
        }

        // Lanes paired with constants that differ from the ones they started with, so equal starting states (an empty
        // text) cannot cancel; then the seed and the length again, through the bijective SplitMix64 finaliser.
        ulong h = Fold(a ^ K1, b ^ K2) ^ Fold(c ^ K3, d ^ K0);
        return DeterministicRandom.Mix(h ^ seed ^ ((ulong)bytes.Length * K1));
    }

    /// <summary>Mixes one more 64-bit value into <paramref name="hash"/>.</summary>
    public static ulong Combine(ulong hash, ulong value) => DeterministicRandom.Mix(Fold(hash ^ K1, value ^ K2));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Fold(ulong x, ulong y)
    {
        ulong high = Math.BigMul(x, y, out ulong low);
        return high ^ low;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Read(ReadOnlySpan<byte> bytes, int offset) => MemoryMarshal.Read<ulong>(bytes[offset..]);
}
