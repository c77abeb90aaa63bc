namespace CotForge.Llm.Tests.Retry;

public sealed class LlmRetryOptionsTests
{
    [Fact]
    public void Constructor_Defaults_AreSixRetriesFromOneSecondUpToOneMinute()
    {
        var options = new LlmRetryOptions();

        Assert.Equal(6, options.MaxRetries);
        Assert.Equal(TimeSpan.FromSeconds(1), options.BaseDelay);
        Assert.Equal(TimeSpan.FromSeconds(60), options.MaxDelay);
    }

    [Theory]
    [InlineData(0, 0.0, 500)]
    [InlineData(0, 0.999999, 1000)]
    [InlineData(3, 0.0, 4000)]
    [InlineData(10, 0.0, 30000)]
    public void DelayFor_NoRetryAfter_IsBetweenHalfAndAllOfTheCappedBackoff(int retry, double random, double expectedMs)
    {
        var options = new LlmRetryOptions { Randomizer = () => random };

        Assert.Equal(expectedMs, options.DelayFor(retry, null).TotalMilliseconds, 0);
    }

    [Theory]
    [InlineData(-1, 1)]
    [InlineData(101, 1)]
    [InlineData(3, -1)]
    public void Validate_OutOfRange_ThrowsNamingTheOption(int retries, int baseSeconds)
    {
        var options = new LlmRetryOptions { MaxRetries = retries, BaseDelay = TimeSpan.FromSeconds(baseSeconds) };

        var error = Assert.Throws<LlmConfigurationException>(options.Validate);

        Assert.Contains(retries is < 0 or > 100 ? "'MaxRetries'" : "'BaseDelay'", error.Message, StringComparison.Ordinal);
    }
}
