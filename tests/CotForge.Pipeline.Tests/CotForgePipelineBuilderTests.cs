using CotForge.Core.Search;
using CotForge.Core.Verification;

namespace CotForge.Pipeline.Tests;

public sealed class CotForgePipelineBuilderTests
{
    [Fact]
    public void Build_NothingConfigured_OneMessageNamingEveryMissingPieceAndBadOption()
    {
        var builder = new CotForgePipelineBuilder()
            .WithSearch(new BeamSearch())
            .Configure(o => o.SearchParallelism = 0);

        var ex = Assert.Throws<ArgumentException>(builder.Build);

        Assert.Contains("'SearchParallelism' must be between 1 and 4096; was 0.", ex.Message, StringComparison.Ordinal);
        Assert.Contains("dataset name is required", ex.Message, StringComparison.Ordinal);
        Assert.Contains("search model is required", ex.Message, StringComparison.Ordinal);
        Assert.Contains("verifier is required", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'beam_search' needs a scorer", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_BadDatasetName_ReportedWithTheOtherProblems()
    {
        var builder = new CotForgePipelineBuilder().WithDataset("../escape", "data").WithVerifier(new ExactMatchVerifier());

        var ex = Assert.Throws<ArgumentException>(builder.Build);

        Assert.Contains("search model is required", ex.Message, StringComparison.Ordinal);
        Assert.Contains("escape", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_Complete_LocationUsesTheSearchName()
    {
        using var dir = new TempDirectory();
        var client = Graph.GraphHarness.Simulated();

        CotForgePipeline pipeline = new CotForgePipelineBuilder()
            .WithDataset("gsm8k", dir.Path)
            .WithSearchClient(client)
            .WithVerifier(new NumericVerifier())
            .Build();

        Assert.Equal(Path.Combine(dir.Path, "gsm8k", "naive_linear_search"), pipeline.Location.DirectoryPath);
    }
}
