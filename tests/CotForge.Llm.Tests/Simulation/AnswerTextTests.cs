using CotForge.Llm.Simulation;

namespace CotForge.Llm.Tests.Simulation;

public sealed class AnswerTextTests
{
    [Theory]
    [InlineData("1,250", 1250)]
    [InlineData("$1,250.50", 1250.5)]
    [InlineData(" 72. ", 72)]
    [InlineData("-3", -3)]
    [InlineData("45%", 45)]
    public void TryParseNumber_NumberWithDecorations_ParsesValue(string text, double expected)
    {
        Assert.True(AnswerText.TryParseNumber(text, out var value));
        Assert.Equal((decimal)expected, value);
    }

    [Theory]
    [InlineData("seventy-two")]
    [InlineData("72 cows")]
    [InlineData("")]
    public void TryParseNumber_NotOnlyANumber_ReturnsFalse(string text) => Assert.False(AnswerText.TryParseNumber(text, out _));

    [Fact]
    public void MakeWrong_ManySeeds_NeverMatchesTheTruth()
    {
        string[] truths = ["0", "72", "$1,250", "3.5", "It is 14 km away", "Paris", "No, it is a myth."];
        for (ulong seed = 0; seed < 200; seed++)
        {
            var random = new DeterministicRandom(seed);
            foreach (string truth in truths)
            {
                string wrong = AnswerText.MakeWrong(truth, ref random);
                Assert.False(AnswerText.Matches(wrong, truth, strict: false), $"'{wrong}' matches '{truth}'");
            }
        }
    }
}
