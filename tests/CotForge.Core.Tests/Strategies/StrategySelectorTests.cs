using CotForge.Core.Search;
using CotForge.Core.Strategies;

namespace CotForge.Core.Tests.Strategies;

public sealed class StrategySelectorTests
{
    [Fact]
    public void PickContinuations_SameSeed_SameSequence()
    {
        var registry = StrategyRegistry.CreateFull();
        var a = new StrategySelector(registry, 7);
        var b = new StrategySelector(registry, 7);

        var first = Enumerable.Range(1, 5).SelectMany(d => a.PickContinuations(d, 3)).Select(s => s.Name).ToList();
        var second = Enumerable.Range(1, 5).SelectMany(d => b.PickContinuations(d, 3)).Select(s => s.Name).ToList();

        Assert.Equal(first, second);
    }

    [Fact]
    public void PickContinuations_DifferentSeeds_DifferentSequences()
    {
        var registry = StrategyRegistry.CreateFull();

        var sequences = Enumerable.Range(0, 10)
            .Select(seed => string.Join(",", Enumerable.Range(1, 4).Select(d => new StrategySelector(registry, seed).PickContinuations(d, 2)[0].Name)))
            .Distinct()
            .Count();

        Assert.True(sequences > 1);
    }

    [Fact]
    public void PickContinuations_AtDepthOne_NeverBacktrackOrInitialize()
    {
        var registry = StrategyRegistry.CreateDefault();

        for (int seed = 0; seed < 50; seed++)
        {
            var picked = new StrategySelector(registry, seed).PickContinuations(1, 3);
            Assert.DoesNotContain(picked, s => s.Name is "backtrack" or "initialize");
            Assert.Equal(3, picked.Select(s => s.Name).Distinct().Count());
        }
    }

    [Fact]
    public void PickContinuations_AtDepthTwo_BacktrackEventuallyChosen()
    {
        var registry = StrategyRegistry.CreateDefault();

        bool seen = Enumerable.Range(0, 50).Any(seed => new StrategySelector(registry, seed).PickContinuations(2, 1)[0].Name == "backtrack");

        Assert.True(seen);
    }

    [Fact]
    public void PickContinuations_MoreThanEligible_RepeatsAfterUsingEachOnce()
    {
        var registry = new StrategyRegistry([new Strategy("start", "s", true), new Strategy("a", "a"), new Strategy("b", "b")]);

        var picked = new StrategySelector(registry, 1).PickContinuations(1, 5).Select(s => s.Name).ToList();

        Assert.Equal(5, picked.Count);
        Assert.Equal(["a", "b"], picked.Take(2).Order());
        Assert.Equal(["a", "b"], picked.Skip(2).Take(2).Order());
    }

    [Fact]
    public void PickContinuations_NoneEligible_ThrowsReasoningFailure()
    {
        var registry = new StrategyRegistry([new Strategy("start", "s", true), new Strategy("late", "l", MinimumDepth: 3)]);

        var ex = Assert.Throws<ReasoningFailureException>(() => new StrategySelector(registry, 1).PickContinuations(1, 1));

        Assert.Equal(("search", "no_eligible_strategy"), (ex.Stage, ex.Kind));
        Assert.Contains("depth 1", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PickInitial_OnlyInitialStrategies()
    {
        var registry = StrategyRegistry.CreateFull();

        Assert.All(Enumerable.Range(0, 20), seed => Assert.Equal("initialize", new StrategySelector(registry, seed).PickInitial().Name));
    }
}
