using CotForge.Core.Search;
using Xunit.Abstractions;

namespace CotForge.Pipeline.Tests.Graph;

/// <summary>
/// Naive and beam search on the simulated provider with a fixed seed: the distribution of search steps and successes
/// must be stable (independent of parallelism) and match what the simulation's correctness model implies.
/// </summary>
public sealed class SearchDistributionTests(ITestOutputHelper output)
{
    private const int Items = 400;

    [Fact]
    public async Task NaiveSearch_FixedSeed_StableDistributionMatchingTheCorrectnessModel()
    {
        (GraphResult serial, HashSet<string> serialSuccesses) = await RunAsync(new NaiveLinearSearch(), parallelism: 1);
        (GraphResult parallel, HashSet<string> parallelSuccesses) = await RunAsync(new NaiveLinearSearch(), parallelism: 128);
        output.WriteLine(string.Join(", ", serial.StepsHistogram.OrderBy(p => p.Key).Select(p => $"{p.Key}: {p.Value}")) + $"; succeeded {serial.Succeeded}");

        Assert.Equal(serial.StepsHistogram.OrderBy(p => p.Key), parallel.StepsHistogram.OrderBy(p => p.Key));
        Assert.Equal(serialSuccesses.Order(), parallelSuccesses.Order());

        // Step k concludes correctly with p = 0.5 + 0.2·(k−1): P(1 step) = .5, P(2) = .35, P(3) = .135, P(4) = .015,
        // and the fourth step is always right, so every item succeeds. Bands are about ±4 standard deviations.
        Assert.Equal(Items, serial.Succeeded);
        AssertNear(0.50, serial.StepsHistogram.GetValueOrDefault(1), 0.10);
        AssertNear(0.35, serial.StepsHistogram.GetValueOrDefault(2), 0.10);
        AssertNear(0.135, serial.StepsHistogram.GetValueOrDefault(3), 0.07);
        AssertNear(0.015, serial.StepsHistogram.GetValueOrDefault(4), 0.03);
    }

    [Fact]
    public async Task BeamSearch_FixedSeed_StableDistributionMatchingTheCorrectnessModel()
    {
        (GraphResult serial, HashSet<string> serialSuccesses) = await RunAsync(new BeamSearch(), parallelism: 1);
        (GraphResult parallel, HashSet<string> parallelSuccesses) = await RunAsync(new BeamSearch(), parallelism: 128);
        output.WriteLine(string.Join(", ", serial.StepsHistogram.OrderBy(p => p.Key).Select(p => $"{p.Key}: {p.Value}")) + $"; succeeded {serial.Succeeded}");

        Assert.Equal(serial.StepsHistogram.OrderBy(p => p.Key), parallel.StepsHistogram.OrderBy(p => p.Key));
        Assert.Equal(serialSuccesses.Order(), parallelSuccesses.Order());
        Assert.Equal(Items, serial.Succeeded + serial.Unverified);
        Assert.Equal(0, serial.Failed);
        // One root at p = .5 verifies after the first step half the time; later steps expand several candidates
        // with p >= .7 each, so (nearly) every item verifies within the depth budget.
        AssertNear(0.50, serial.StepsHistogram.GetValueOrDefault(1), 0.10);
        Assert.True(serial.Succeeded >= Items * 0.97, $"beam search should almost always verify; got {serial.Succeeded}");
        Assert.True(serial.StepsHistogram.Keys.Max() <= 4);
    }

    private static void AssertNear(double expectedShare, long count, double tolerance)
    {
        double share = count / (double)Items;
        Assert.True(Math.Abs(share - expectedShare) <= tolerance, $"expected about {expectedShare:P1} of items, got {share:P1} ({count})");
    }

    private static async Task<(GraphResult, HashSet<string>)> RunAsync(ISearchAlgorithm algorithm, int parallelism)
    {
        var store = new InMemoryItemStore();
        var options = new PipelineOptions { Seed = 2024, SearchParallelism = parallelism, VerifyParallelism = parallelism, MaxItemsInFlight = Math.Max(parallelism, 4) };
        GraphResult result = await GraphHarness.Create(store, algorithm, client: GraphHarness.Simulated(seed: 5), options: options, postProcess: false)
            .RunGuardedAsync(GraphHarness.Rows(Items));
        return (result, store.Completed.Where(c => c.Success).Select(c => c.Id).ToHashSet());
    }
}
