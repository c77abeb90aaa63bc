using CotForge.Core.Verification;
using static CotForge.Core.Tests.Verification.VerifierTestData;

namespace CotForge.Core.Tests.Verification;

public sealed class NumericVerifierTests
{
    [Theory]
    [InlineData("1,250", "1250", true)]
    [InlineData("1250.0", "1,250", true)]
    [InlineData("$1,250", "1250", true)]
    [InlineData("$1,250.00", "1250", true)]
    [InlineData("The answer is 42 apples", "42", true)]
    [InlineData("First 3, then 7, so 10.", "10", true)]
    [InlineData("-3", "-3", true)]
    [InlineData("x = -3", "−3", true)]
    [InlineData("-3", "3", false)]
    [InlineData("0.5", "1/2", true)]
    [InlineData("1/4", "0.25", true)]
    [InlineData("50%", "50", true)]
    [InlineData("1,000,000", "1e6", true)]
    [InlineData("42", "Natalia sold 48/2 = 24 clips in May.\n#### 72", false)]
    [InlineData("72", "Natalia sold 48/2 = 24 clips in May.\n#### 72", true)]
    [InlineData("41", "42", false)]
    [InlineData("42.0001", "42", false)]
    [InlineData("3,4", "4", true)]
    [InlineData("version A4 costs 7", "7", true)]
    public void VerifyAsync_DefaultOptions_ComparesValues(string candidate, string truth, bool expected)
    {
        var result = new NumericVerifier().VerifyAsync(Request(candidate, truth)).AsTask().Result;

        Assert.True(expected == result.Verified, result.Explanation);
    }

    [Theory]
    [InlineData("42.0001", "42", 0.001, 0, true)]
    [InlineData("101", "100", 0, 0.02, true)]
    [InlineData("103", "100", 0, 0.02, false)]
    public void VerifyAsync_Tolerance_AcceptsCloseValues(string candidate, string truth, double absolute, double relative, bool expected)
    {
        var verifier = new NumericVerifier(new NumericOptions { AbsoluteTolerance = absolute, RelativeTolerance = relative });

        Assert.Equal(expected, verifier.VerifyAsync(Request(candidate, truth)).AsTask().Result.Verified);
    }

    [Fact]
    public async Task VerifyAsync_PercentAsFraction_ReadsPercentAsHundredths()
    {
        var verifier = new NumericVerifier(new NumericOptions { PercentAsFraction = true });

        Assert.True((await verifier.VerifyAsync(Request("50%", "0.5"))).Verified);
        Assert.False((await new NumericVerifier().VerifyAsync(Request("50%", "0.5"))).Verified);
    }

    [Theory]
    [InlineData("Paris", "42", "contains no number")]
    [InlineData(null, "42", "no final answer")]
    [InlineData("42", "Paris", "ground truth 'Paris' contains no number")]
    [InlineData("1/0", "5", "contains no number")]
    public async Task VerifyAsync_NonNumeric_NotVerifiedWithExplanation(string? candidate, string truth, string explanation)
    {
        var result = await new NumericVerifier().VerifyAsync(Request(candidate, truth));

        Assert.False(result.Verified);
        Assert.Contains(explanation, result.Explanation, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-1, 0)]
    [InlineData(0, 2)]
    [InlineData(double.NaN, 0)]
    public void Constructor_InvalidTolerance_ThrowsNamingTheOption(double absolute, double relative)
    {
        var ex = Assert.Throws<ArgumentException>(() => new NumericVerifier(new NumericOptions { AbsoluteTolerance = absolute, RelativeTolerance = relative }));

        Assert.Contains("Tolerance' must be between", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NumericOptions_Defaults()
    {
        var options = new NumericOptions();

        Assert.Equal((1e-6, 0.0, false), (options.AbsoluteTolerance, options.RelativeTolerance, options.PercentAsFraction));
    }
}
