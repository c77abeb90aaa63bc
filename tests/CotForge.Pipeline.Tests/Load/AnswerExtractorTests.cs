using CotForge.Pipeline.Load;

namespace CotForge.Pipeline.Tests.Load;

public sealed class AnswerExtractorTests
{
    [Theory]
    [InlineData("Work <<2*3=6>>6\n#### 6", "6")]
    [InlineData("a #### b\n#### 1,450,000 ", "1,450,000")]
    [InlineData("#### -3", "-3")]
    public void Extract_Gsm8kPreset_TextAfterLastMarker(string answer, string expected)
    {
        Assert.True(AnswerExtractor.TryCreate("gsm8k", out AnswerExtractor? extractor, out _));
        Assert.Equal(expected, extractor.Extract(answer));
    }

    [Theory]
    [InlineData("no marker")]
    [InlineData("#### ")]
    public void Extract_Gsm8kPresetWithoutFinalAnswer_Null(string answer)
    {
        Assert.True(AnswerExtractor.TryCreate("GSM8K", out AnswerExtractor? extractor, out _));
        Assert.Null(extractor.Extract(answer));
    }

    [Theory]
    [InlineData(@"\\boxed\{(?<answer>[^}]*)\}", "so \\boxed{42} done", "42")]
    [InlineData(@"Answer: (\w+)", "Answer: yes", "yes")]
    [InlineData(@"\d+", "about 12 apples", "12")]
    public void Extract_Regex_NamedGroupThenGroupOneThenWholeMatch(string pattern, string answer, string expected)
    {
        Assert.True(AnswerExtractor.TryCreate(pattern, out AnswerExtractor? extractor, out _));
        Assert.Equal(expected, extractor.Extract(answer));
    }

    [Fact]
    public void TryCreate_InvalidRegex_FalseWithError()
    {
        Assert.False(AnswerExtractor.TryCreate("[", out _, out string? error));
        Assert.False(string.IsNullOrEmpty(error));
    }
}
