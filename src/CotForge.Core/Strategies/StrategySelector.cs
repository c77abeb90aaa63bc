using CotForge.Core.Search;

namespace CotForge.Core.Strategies;

/// <summary>
/// Seeded strategy choice: the same seed and the same sequence of requests give the same strategies, so a run is
/// reproducible. Minimum depths are measured at the node being created (the root is depth 0).
/// </summary>
internal sealed class StrategySelector
{
    private readonly Random _random;
    private readonly StrategyRegistry _registry;

    public StrategySelector(StrategyRegistry registry, int seed)
    {
        _registry = registry;

        // System.Random with an explicit seed uses a fixed algorithm, stable across runs and platforms.
        _random = new Random(seed);
    }

    /// <summary>One of the initial strategies.</summary>
    public Strategy PickInitial()
    {
        var initial = _registry.InitialStrategies();
        if (initial.Count == 0)
        {
            throw new ReasoningFailureException(
                FailureStages.Search, FailureKinds.NoEligibleStrategy, "The strategy registry has no initial strategy to start a chain with.", 0);
        }

        return initial[_random.Next(initial.Count)];
    }

    /// <summary>
    /// <paramref name="count"/> continuation strategies for a node at <paramref name="depth"/>: distinct while the
    /// eligible ones last, then repeating (in a fresh random order) when more are asked for than exist.
    /// </summary>
    public IReadOnlyList<Strategy> PickContinuations(int depth, int count)
    {
        var eligible = _registry.ContinuationsAt(depth);
        if (eligible.Count == 0)
        {
            throw new ReasoningFailureException(
                FailureStages.Search,
                FailureKinds.NoEligibleStrategy,
                $"No registered strategy may create a node at depth {depth} (every non-initial strategy needs a greater minimum depth); "
                + "register one with MinimumDepth <= " + depth + ".",
                0);
        }

        var picked = new List<Strategy>(count);
        while (picked.Count < count)
        {
            var round = eligible.ToArray();
            _random.Shuffle(round);
            picked.AddRange(round.Take(count - picked.Count));
        }

        return picked;
    }
}
