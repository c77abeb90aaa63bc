namespace CotForge.Storage.Tests;

public sealed class WriterOptionsTests
{
    [Fact]
    public void Defaults_AreDocumentedValuesAndValid()
    {
        var options = new WriterOptions();

        Assert.Equal(256, options.GroupCommitItems);
        Assert.Equal(TimeSpan.FromMilliseconds(50), options.GroupCommitInterval);
        Assert.Equal(DurabilityLevel.Fsync, options.Durability);
        Assert.Equal(1024, options.QueueCapacity);
        Assert.Same(TimeProvider.System, options.TimeProvider);
        options.Validate();
    }

    [Theory]
    [InlineData(0, 50, 4096, "'GroupCommitItems' must be between 1 and 100000; was 0.")]
    [InlineData(256, -1, 4096, "'GroupCommitInterval' must be between 0 and 1 minute")]
    [InlineData(256, 50, 10, "'QueueCapacity' (10) must be at least 'GroupCommitItems' (256)")]
    public void Validate_InvalidValue_NamesOptionAndValue(int items, int intervalMs, int capacity, string expected)
    {
        var options = new WriterOptions { GroupCommitItems = items, GroupCommitInterval = TimeSpan.FromMilliseconds(intervalMs), QueueCapacity = capacity };

        var error = Assert.Throws<ArgumentException>(options.Validate);

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_SeveralInvalidValues_ReportsThemAllInOneMessage()
    {
        var options = new WriterOptions { GroupCommitItems = 0, MetadataCheckpointItems = 0, Durability = (DurabilityLevel)7 };

        var error = Assert.Throws<ArgumentException>(options.Validate);

        Assert.Contains("GroupCommitItems", error.Message, StringComparison.Ordinal);
        Assert.Contains("MetadataCheckpointItems", error.Message, StringComparison.Ordinal);
        Assert.Contains("Durability", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1_000_001)]
    public void Validate_IndexBatchItemsOutOfRange_NamesTheOptionAndItsRange(int items)
    {
        var error = Assert.Throws<ArgumentException>(new WriterOptions { IndexBatchItems = items }.Validate);

        Assert.Contains($"'IndexBatchItems' must be between 1 and 1000000; was {items}.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PersistenceOptions_InvalidBatchSize_Throws()
    {
        Assert.Equal(1000, new PersistenceOptions().LookupBatchSize);
        var error = Assert.Throws<ArgumentException>(new PersistenceOptions { LookupBatchSize = 0 }.Validate);
        Assert.Contains("'LookupBatchSize' must be between 1 and 100000; was 0.", error.Message, StringComparison.Ordinal);
    }
}
