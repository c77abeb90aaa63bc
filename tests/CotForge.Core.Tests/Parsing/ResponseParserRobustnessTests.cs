using CotForge.Core.Parsing;
using CotForge.Core.Tests.Fakes;

namespace CotForge.Core.Tests.Parsing;

/// <summary>Parsing never throws, whatever arrives: every truncation point and seeded random corruption.</summary>
public sealed class ResponseParserRobustnessTests
{
    private static readonly string Reply = "Here you go:\n```json\n" + Replies.Cot("The answer is 42.", "Six \"sevens\" make 42.\nCheck: 7+7+7+7+7+7.") + "\n```";

    [Fact]
    public void ParseCot_EveryTruncationPoint_TypedOutcomeNeverThrows()
    {
        int successes = 0;
        for (int length = 0; length <= Reply.Length; length++)
        {
            var outcome = ResponseParser.ParseCot(Reply[..length]);

            Assert.True(outcome.IsSuccess || (outcome.FailureKind != ParseFailureKind.None && outcome.Message is not null));
            if (outcome.IsSuccess)
            {
                successes++;

                // A success from a cut reply never carries a cut-off final answer.
                Assert.Equal("The answer is 42.", outcome.Value[^1].Content);
            }
        }

        Assert.True(successes >= 1);
    }

    [Fact]
    public void AllParsers_SeededRandomCorruption_TypedOutcomeNeverThrows()
    {
        var random = new Random(2024);
        const string alphabet = "{}[]\",:'\\\n\t abcxyz0123456789";
        for (int i = 0; i < 300; i++)
        {
            var chars = Reply.ToCharArray().ToList();
            int edits = random.Next(1, 6);
            for (int e = 0; e < edits; e++)
            {
                int at = random.Next(chars.Count);
                switch (random.Next(3))
                {
                    case 0:
                        chars.RemoveAt(at);
                        break;
                    case 1:
                        chars.Insert(at, alphabet[random.Next(alphabet.Length)]);
                        break;
                    default:
                        chars[at] = alphabet[random.Next(alphabet.Length)];
                        break;
                }
            }

            string corrupted = new(chars.ToArray());
            AssertTyped(ResponseParser.ParseCot(corrupted));
            AssertTyped(ResponseParser.ParseVerification(corrupted));
            AssertTyped(ResponseParser.ParseScoring(corrupted));
            AssertTyped(ResponseParser.ParseNaturalReasoning(corrupted));
        }
    }

    private static void AssertTyped<T>(ParseOutcome<T> outcome) =>
        Assert.True(outcome.IsSuccess ? outcome.FailureKind == ParseFailureKind.None : outcome.FailureKind != ParseFailureKind.None && outcome.Message is not null);
}
