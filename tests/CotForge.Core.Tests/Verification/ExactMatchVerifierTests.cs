using CotForge.Core.Verification;
using static CotForge.Core.Tests.Verification.VerifierTestData;

namespace CotForge.Core.Tests.Verification;

public sealed class ExactMatchVerifierTests
{
    [Theory]
    [InlineData("Paris", "Paris", true)]
    [InlineData("paris", "Paris", true)]
    [InlineData("  Paris  ", "Paris", true)]
    [InlineData("Paris.", "Paris", true)]
    [InlineData("Paris!?", "Paris", true)]
    [InlineData("Paris", "Paris...", true)]
    [InlineData("New   York", "new york", true)]
    [InlineData("Paris, France", "Paris", false)]
    [InlineData("Pari", "Paris", false)]
    [InlineData("", "Paris", false)]
    [InlineData("...", "", false)]
    [InlineData("42", "42.0", false)]
    public void VerifyAsync_DefaultOptions_ComparesNormalizedTextIgnoringCase(string candidate, string truth, bool expected)
    {
        var result = new ExactMatchVerifier().VerifyAsync(Request(candidate, truth)).AsTask().Result;

        Assert.Equal(expected, result.Verified);
        Assert.False(string.IsNullOrEmpty(result.Explanation));
    }

    [Theory]
    [InlineData("Paris", "Paris", true)]
    [InlineData("paris", "Paris", false)]
    [InlineData("Paris.", "Paris", true)]
    public void VerifyAsync_CaseSensitive_RespectsCase(string candidate, string truth, bool expected)
    {
        var verifier = new ExactMatchVerifier(new ExactMatchOptions { CaseSensitive = true });

        Assert.Equal(expected, verifier.VerifyAsync(Request(candidate, truth)).AsTask().Result.Verified);
    }

    [Fact]
    public async Task VerifyAsync_NoCandidate_NotVerifiedWithExplanation()
    {
        var result = await new ExactMatchVerifier().VerifyAsync(Request(null, "Paris"));

        Assert.False(result.Verified);
        Assert.Contains("no final answer", result.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Describe_NamesVerifierAndOption()
    {
        var description = new ExactMatchVerifier(new ExactMatchOptions { CaseSensitive = true }).Describe();

        Assert.Equal("exact_match", description["name"]!.GetValue<string>());
        Assert.True(description["case_sensitive"]!.GetValue<bool>());
    }
}
