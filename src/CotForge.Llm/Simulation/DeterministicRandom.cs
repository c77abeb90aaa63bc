namespace CotForge.Llm.Simulation;

/// <summary>
/// A small, fast SplitMix64 generator. The simulated provider seeds one per decision from a hash of what the decision
/// is about (prompt, item, attempt), never from a shared sequence, so concurrent calls cannot disturb each other.
/// </summary>
internal struct DeterministicRandom
{
    private ulong _state;

    public DeterministicRandom(ulong seed) => _state = seed;

    /// <summary>A generator for stream <paramref name="stream"/> and counter <paramref name="counter"/> of <paramref name="key"/>.</summary>
    public static DeterministicRandom For(ulong key, ulong stream, ulong counter) =>
        new(Mix(key ^ Mix(stream + 0x9E3779B97F4A7C15UL) ^ Mix(counter + 0xD1B54A32D192ED03UL)));

    /// <summary>The SplitMix64 finaliser: a good 64-bit avalanche.</summary>
    public static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    public ulong NextUInt64()
    {
        _state += 0x9E3779B97F4A7C15UL;
        return Mix(_state);
    }

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in [0, <paramref name="maxExclusive"/>).</summary>
    public int Next(int maxExclusive) => maxExclusive <= 1 ? 0 : (int)(NextUInt64() % (ulong)maxExclusive);

    /// <summary>Uniform in [<paramref name="min"/>, <paramref name="max"/>).</summary>
    public double NextDouble(double min, double max) => min + ((max - min) * NextDouble());

    /// <summary>A standard normal draw (Box–Muller).</summary>
    public double NextGaussian()
    {
        double u1 = 1.0 - NextDouble();
        double u2 = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    public T Pick<T>(IReadOnlyList<T> items) => items[Next(items.Count)];
}
