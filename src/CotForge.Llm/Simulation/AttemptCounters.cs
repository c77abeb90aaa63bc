namespace CotForge.Llm.Simulation;

/// <summary>
/// How often each distinct prompt has been asked, so a retry of the same prompt draws a fresh fault and a repeated
/// prompt a fresh answer, while unrelated calls never influence each other. Bounded: each of its stripes starts over
/// once it is well filled (about <see cref="Capacity"/> prompts in all), which only matters for prompts repeated
/// across that many others.
/// </summary>
/// <remarks>
/// The counts live in plain arrays, split into stripes with a lock each, rather than as a dictionary entry and a
/// counter object per prompt: a run keeps a couple of hundred thousand prompts counted, and as objects they were a
/// third of the live objects every collection had to trace.
/// </remarks>
internal sealed class AttemptCounters
{
    /// <summary>About how many distinct prompts are remembered before the oldest are forgotten.</summary>
    public const int Capacity = StripeCount * MaxPerStripe;

    private const int StripeCount = 64;
    private const int SlotsPerStripe = 8192;
    private const int MaxPerStripe = SlotsPerStripe * 5 / 8;

    private readonly Stripe[] _stripes;

    public AttemptCounters()
    {
        _stripes = new Stripe[StripeCount];
        for (int i = 0; i < _stripes.Length; i++)
        {
            _stripes[i] = new Stripe();
        }
    }

    /// <summary>The calls made so far with the prompt of <paramref name="key"/>, counting this one.</summary>
    public int NextAttempt(ulong key) => StripeOf(key).Next(Normalize(key), answers: false, consume: true);

    /// <summary>
    /// The clean answers given so far to the prompt of <paramref name="key"/>; with <paramref name="consume"/>,
    /// counts one more.
    /// </summary>
    public int NextAnswer(ulong key, bool consume) => StripeOf(key).Next(Normalize(key), answers: true, consume);

    // 0 marks an empty slot.
    private static ulong Normalize(ulong key) => key == 0 ? 1 : key;

    private Stripe StripeOf(ulong key) => _stripes[(int)(key >> 58) & (StripeCount - 1)];

    private sealed class Stripe
    {
        private readonly Lock _gate = new();
        private readonly ulong[] _keys = new ulong[SlotsPerStripe];
        private readonly int[] _attempts = new int[SlotsPerStripe];
        private readonly int[] _answers = new int[SlotsPerStripe];
        private int _count;

        public int Next(ulong key, bool answers, bool consume)
        {
            lock (_gate)
            {
                int slot = Find(key);
                if (_keys[slot] != key)
                {
                    if (_count >= MaxPerStripe)
                    {
                        Array.Clear(_keys);
                        Array.Clear(_attempts);
                        Array.Clear(_answers);
                        _count = 0;
                        slot = Find(key);
                    }

                    _keys[slot] = key;
                    _count++;
                }

                int[] counts = answers ? _answers : _attempts;
                int before = counts[slot];
                if (consume)
                {
                    counts[slot] = before + 1;
                }

                return before;
            }
        }

        /// <summary>The slot holding <paramref name="key"/>, or the empty slot where it would go (linear probing).</summary>
        private int Find(ulong key)
        {
            int slot = (int)(key & (SlotsPerStripe - 1));
            while (_keys[slot] != 0 && _keys[slot] != key)
            {
                slot = (slot + 1) & (SlotsPerStripe - 1);
            }

            return slot;
        }
    }
}
