using System.Collections.Concurrent;

namespace CotForge.Llm.Simulation;

/// <summary>
/// How often each distinct prompt has been asked, so a retry of the same prompt draws a fresh fault and a repeated
/// prompt a fresh answer, while unrelated calls never influence each other. Bounded: past
/// <see cref="Capacity"/> prompts it starts over, which only matters for prompts repeated across that many others.
/// </summary>
internal sealed class AttemptCounters
{
    public const int Capacity = 200_000;

    private ConcurrentDictionary<ulong, Counter> _counters = new();
    private int _count;

    public Counter For(ulong key)
    {
        var counters = Volatile.Read(ref _counters);
        if (counters.TryGetValue(key, out var existing))
        {
            return existing;
        }

        var created = new Counter();
        var counter = counters.GetOrAdd(key, created);
        if (ReferenceEquals(counter, created) && Interlocked.Increment(ref _count) > Capacity)
        {
            Interlocked.Exchange(ref _count, 0);
            Volatile.Write(ref _counters, new ConcurrentDictionary<ulong, Counter>());
        }

        return counter;
    }

    internal sealed class Counter
    {
        /// <summary>Calls made with this prompt, faulted or not: picks the fault and latency of the next call.</summary>
        public int Attempts;

        /// <summary>Clean answers given to this prompt: picks the content of the next answer.</summary>
        public int Answers;
    }
}
