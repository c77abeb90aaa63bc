using CotForge.Core.Parsing;

namespace CotForge.Core.Tests.Parsing;

/// <summary>Verification, scoring and natural-reasoning replies, clean and broken.</summary>
public sealed class ResponseParserVerdictTests
{
    public static TheoryData<string, ParseFailureKind, bool> Verdicts() => new()
    {
        { """{"verification": {"explanation": "Same.", "result": "yes"}}""", ParseFailureKind.None, true },
        { """{"verification": {"explanation": "Differs.", "result": "no"}}""", ParseFailureKind.None, false },
        { """{"verification": {"explanation": "Same.", "result": "Yes."}}""", ParseFailureKind.None, true },
        { """{"verification": {"explanation": "Differs.", "result": "NO"}}""", ParseFailureKind.None, false },
        { """{"verification": {"explanation": "Same.", "result": true}}""", ParseFailureKind.None, true },
        { """{"verification": {"explanation": "Differs.", "result": false}}""", ParseFailureKind.None, false },
        { """{"verification": {"explanation": "Same.", "result": "Yes, both say 42"}}""", ParseFailureKind.None, true },
        { """{"verification": {"explanation": "Same.", "result": "correct"}}""", ParseFailureKind.None, true },
        { """{"verification": {"explanation": "Same.", "result": "**Yes**"}}""", ParseFailureKind.None, true },
        { """{"verification": {"explanation": "Same.", "result": 1}}""", ParseFailureKind.None, true },
        { """{"Verification": {"Explanation": "Same.", "Result": "yes"}}""", ParseFailureKind.None, true },
        { """{"explanation": "Same.", "result": "yes"}""", ParseFailureKind.None, true },
        { "```json\n{\"verification\": {\"explanation\": \"Same.\", \"result\": \"yes\"}}\n```", ParseFailureKind.None, true },
        { "Let me check.\n{\"verification\": {\"explanation\": \"Both\nsay 42.\", \"result\": \"yes\"}}\nDone.", ParseFailureKind.None, true },
        { """{"verification": {"explanation": "Same.", "result": "yes"}""", ParseFailureKind.None, true },
        { """{"verification": {"explanation": "Same.", "result": "maybe"}}""", ParseFailureKind.InvalidValue, false },
        { """{"verification": {"explanation": "Same.", "result": null}}""", ParseFailureKind.InvalidValue, false },
        { """{"verification": {"explanation": "Same."}}""", ParseFailureKind.MissingKey, false },
        { """{"verdict": "yes"}""", ParseFailureKind.MissingKey, false },
        { """{"verification": {"explanation": "Same", "res""", ParseFailureKind.Truncated, false },
        { "Yes, they match.", ParseFailureKind.NoJson, false },
        { "", ParseFailureKind.Empty, false },
    };

    [Theory]
    [MemberData(nameof(Verdicts))]
    public void ParseVerification_Variant_ExpectedVerdict(string reply, ParseFailureKind expected, bool verified)
    {
        var outcome = ResponseParser.ParseVerification(reply);

        Assert.True(outcome.FailureKind == expected, $"expected {expected}, got {outcome}");
        if (expected == ParseFailureKind.None)
        {
            Assert.Equal(verified, outcome.Value.Verified);
        }
    }

    [Fact]
    public void ParseVerification_Explanation_IsKept()
    {
        var outcome = ResponseParser.ParseVerification("""{"verification": {"explanation": "Both are 42.", "result": "yes"}}""");

        Assert.Equal("Both are 42.", outcome.Value.Explanation);
    }

    public static TheoryData<string, ParseFailureKind, double?> Scorings() => new()
    {
        { """{"scoring": {"n1": 0.9, "n2": 0.1}}""", ParseFailureKind.None, 0.9 },
        { """{"scoring": {"n1": "0.9", "n2": "0.1"}}""", ParseFailureKind.None, 0.9 },
        { """{"scoring": {"n1": "90%", "n2": "10%"}}""", ParseFailureKind.None, 0.9 },
        { """{"Scoring": {"n1": 0.9,}}""", ParseFailureKind.None, 0.9 },
        { """{"scores": {"n1": 0.9}}""", ParseFailureKind.None, 0.9 },
        { "```json\n{\"scoring\": {\"n1\": 0.9}}\n```", ParseFailureKind.None, 0.9 },
        { """{"scoring": {"n1": 0.9""", ParseFailureKind.None, 0.9 },
        { """{"scoring": {"n1": "high"}}""", ParseFailureKind.InvalidValue, null },
        { """{"scoring": [0.9, 0.1]}""", ParseFailureKind.MissingKey, null },
        { """{"ranking": ["n1"]}""", ParseFailureKind.MissingKey, null },
        { "n1 is best", ParseFailureKind.NoJson, null },
    };

    [Theory]
    [MemberData(nameof(Scorings))]
    public void ParseScoring_Variant_ExpectedScores(string reply, ParseFailureKind expected, double? n1)
    {
        var outcome = ResponseParser.ParseScoring(reply);

        Assert.True(outcome.FailureKind == expected, $"expected {expected}, got {outcome}");
        if (n1 is not null)
        {
            Assert.Equal(n1.Value, outcome.Value!["n1"], 6);
        }
    }

    public static TheoryData<string, ParseFailureKind, string?> NaturalReasonings() => new()
    {
        { """{"NaturalReasoning": "Hmm, six sevens... 42."}""", ParseFailureKind.None, "Hmm, six sevens... 42." },
        { """{"natural_reasoning": "Six sevens is 42."}""", ParseFailureKind.None, "Six sevens is 42." },
        { "{\"NaturalReasoning\": \"Line one.\nLine two.\"}", ParseFailureKind.None, "Line one.\nLine two." },
        { "Here it is:\n```json\n{\"NaturalReasoning\": \"Okay.\"}\n```", ParseFailureKind.None, "Okay." },
        { """{"NaturalReasoning": "   "}""", ParseFailureKind.Empty, null },
        { """{"NaturalReasoning": ["a", "b"]}""", ParseFailureKind.InvalidShape, null },
        { """{"reasoning": "text"}""", ParseFailureKind.MissingKey, null },
        { "Just prose.", ParseFailureKind.NoJson, null },
    };

    [Theory]
    [MemberData(nameof(NaturalReasonings))]
    public void ParseNaturalReasoning_Variant_ExpectedText(string reply, ParseFailureKind expected, string? text)
    {
        var outcome = ResponseParser.ParseNaturalReasoning(reply);

        Assert.True(outcome.FailureKind == expected, $"expected {expected}, got {outcome}");
        Assert.Equal(text, outcome.Value);
    }

    [Theory]
    [InlineData("  The answer is 42.  ", "The answer is 42.")]
    [InlineData("```\nThe answer is 42.\n```", "The answer is 42.")]
    [InlineData("```text\nThe answer is 42.\n```", "The answer is 42.")]
    public void ParseFormalAnswer_Text_IsTrimmedAndUnfenced(string reply, string expected)
    {
        var outcome = ResponseParser.ParseFormalAnswer(reply);

        Assert.Equal(expected, outcome.Value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("``````")]
    public void ParseFormalAnswer_Empty_FailsAsEmpty(string reply)
    {
        Assert.Equal(ParseFailureKind.Empty, ResponseParser.ParseFormalAnswer(reply).FailureKind);
    }
}
