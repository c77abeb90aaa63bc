namespace CotForge.Pipeline.Items;

/// <summary>
/// The per-item seed: a function of the run seed and the item id only, so an item searches the same way whatever
/// the concurrency, the order of the input, or whether it runs in the first run or a resume.
/// </summary>
internal static class ItemSeed
{
    public static int Derive(int runSeed, UInt128 key)
    {
        // SplitMix64 finaliser over the id's low half mixed with the run seed: cheap and well spread.
        ulong z = (ulong)key ^ ((ulong)(uint)runSeed * 0x9E3779B97F4A7C15UL) ^ (ulong)(key >> 64);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return (int)(z & int.MaxValue);
    }
}
