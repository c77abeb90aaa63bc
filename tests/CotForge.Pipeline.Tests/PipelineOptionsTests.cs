namespace CotForge.Pipeline.Tests;

public sealed class PipelineOptionsTests
{
    [Fact]
    public void Defaults_AreTheDocumentedValuesAndValid()
    {
        var o = new PipelineOptions();

        Assert.Equal((256, 256, 256, 128), (o.MaxItemsInFlight, o.SearchParallelism, o.VerifyParallelism, o.PostProcessParallelism));
        Assert.Equal((256, 256, 256, 1024), (o.SearchCapacity, o.VerifyCapacity, o.PostProcessCapacity, o.PersistCapacity));
        Assert.Equal(512, o.DedupeBatchSize);
        Assert.Equal(TimeSpan.FromMilliseconds(50), o.DedupeFlushInterval);
        Assert.Equal(TimeSpan.FromSeconds(1), o.ProgressInterval);
        Assert.Equal(TimeSpan.FromSeconds(5), o.CancellationGracePeriod);
        Assert.Equal(0, o.Seed);
        o.Validate();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4096)]
    public void Validate_ParallelismInRange_Accepted(int value) =>
        new PipelineOptions { SearchParallelism = value, VerifyParallelism = value, PostProcessParallelism = value }.Validate();

    [Fact]
    public void Validate_ManyBadOptions_OneMessageNamingEachWithItsValue()
    {
        var o = new PipelineOptions { SearchParallelism = 0, VerifyCapacity = -1, DedupeBatchSize = 200_000, CancellationGracePeriod = TimeSpan.FromSeconds(-1) };

        var ex = Assert.Throws<ArgumentException>(o.Validate);

        Assert.Contains("'SearchParallelism' must be between 1 and 4096; was 0.", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'VerifyCapacity' must be between 1 and 1000000; was -1.", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'DedupeBatchSize' must be between 1 and 100000; was 200000.", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'CancellationGracePeriod' must be between", ex.Message, StringComparison.Ordinal);
    }
}
