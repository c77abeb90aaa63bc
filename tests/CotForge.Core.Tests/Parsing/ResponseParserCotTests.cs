using CotForge.Core.Parsing;
using CotForge.Core.Reasoning;

namespace CotForge.Core.Tests.Parsing;

/// <summary>The malformed-reply table for strategy steps: what real models send, and what we make of it.</summary>
public sealed class ResponseParserCotTests
{
    private const string Steps =
        """[{"action": "Review", "content": "The question asks for 6 times 7."}, {"action": "Inner Thinking", "title": "Multiply", "content": "6 times 7 is 42."}, {"action": "Final Conclusion", "content": "42"}]""";

    private const string Clean = "{\"CoT\": " + Steps + "}";

    private const string NoFinal =
        """{"CoT": [{"action": "Review", "content": "Reading."}, {"action": "Inner Thinking", "title": "Multiply", "content": "6 times 7 is 42."}]}""";

    /// <summary>name, reply, expected failure (None = success), expected final answer on success.</summary>
    public static TheoryData<string, string, ParseFailureKind, string?> Table() => new()
    {
        { "clean", Clean, ParseFailureKind.None, "42" },
        { "json fence", "```json\n" + Clean + "\n```", ParseFailureKind.None, "42" },
        { "bare fence", "```\n" + Clean + "\n```", ParseFailureKind.None, "42" },
        { "fence without closing", "```json\n" + Clean, ParseFailureKind.None, "42" },
        { "prose before", "Sure! Here is my reasoning:\n" + Clean, ParseFailureKind.None, "42" },
        { "prose after", Clean + "\nLet me know if you need more.", ParseFailureKind.None, "42" },
        { "prose with braces before", "I will use {curly} notation for sets.\n" + Clean, ParseFailureKind.None, "42" },
        { "fence and prose around", "Here you go:\n```json\n" + Clean + "\n```\nHope this helps {really}.", ParseFailureKind.None, "42" },
        { "think block before", "<think>Let me consider {a, b}...</think>\n" + Clean, ParseFailureKind.None, "42" },
        { "unrelated json first", "{\"note\": \"draft\"}\n" + Clean, ParseFailureKind.None, "42" },
        { "wrapped in another object", "{\"response\": " + Clean + "}", ParseFailureKind.None, "42" },
        { "raw newline in string", Clean.Replace("6 times 7 is 42.", "6 times 7\nis 42.", StringComparison.Ordinal), ParseFailureKind.None, "42" },
        { "raw tab in string", Clean.Replace("6 times 7 is 42.", "6 times\t7 is 42.", StringComparison.Ordinal), ParseFailureKind.None, "42" },
        { "raw CRLF in string", Clean.Replace("6 times 7 is 42.", "6 times 7\r\nis 42.", StringComparison.Ordinal), ParseFailureKind.None, "42" },
        { "raw newline in final answer", Clean.Replace("\"42\"", "\"The answer\nis 42\"", StringComparison.Ordinal), ParseFailureKind.None, "The answer\nis 42" },
        { "trailing comma in list", Clean.Replace("\"42\"}]", "\"42\"},]", StringComparison.Ordinal), ParseFailureKind.None, "42" },
        { "trailing comma in object", Clean.Replace("\"42\"}", "\"42\",}", StringComparison.Ordinal), ParseFailureKind.None, "42" },
        { "missing final brace", Clean[..^1], ParseFailureKind.None, "42" },
        { "missing bracket and brace", Clean[..^2], ParseFailureKind.None, "42" },
        { "missing bracket only", Clean[..^2] + "}", ParseFailureKind.None, "42" },
        { "dangling comma at end", Clean[..^2] + ",", ParseFailureKind.None, "42" },
        { "lower-case keys", Clean.Replace("\"CoT\"", "\"cot\"", StringComparison.Ordinal), ParseFailureKind.None, "42" },
        { "upper-case keys", Clean.Replace("\"CoT\"", "\"COT\"", StringComparison.Ordinal).Replace("\"action\"", "\"Action\"", StringComparison.Ordinal).Replace("\"content\"", "\"CONTENT\"", StringComparison.Ordinal), ParseFailureKind.None, "42" },
        { "chain_of_thought key", Clean.Replace("\"CoT\"", "\"chain_of_thought\"", StringComparison.Ordinal), ParseFailureKind.None, "42" },
        { "escaped letters in keys", Clean.Replace("\"CoT\"", "\"\\u0043oT\"", StringComparison.Ordinal).Replace("\"content\"", "\"cont\\u0065nt\"", StringComparison.Ordinal), ParseFailureKind.None, "42" },
        { "non-ASCII letter in a key", Clean.Replace("\"action\"", "\"éaction\"", StringComparison.Ordinal), ParseFailureKind.InvalidShape, null },
        { "non-ASCII punctuation in a key", Clean.Replace("\"content\"", "\"con·tent\"", StringComparison.Ordinal), ParseFailureKind.None, "42" },
        { "snake-case actions", Clean.Replace("Final Conclusion", "final_conclusion", StringComparison.Ordinal).Replace("Inner Thinking", "inner thinking", StringComparison.Ordinal), ParseFailureKind.None, "42" },
        { "bare list of steps", Steps, ParseFailureKind.None, "42" },
        { "single quotes", Clean.Replace('"', '\''), ParseFailureKind.None, "42" },
        { "python None title", Clean.Replace("\"title\": \"Multiply\"", "\"title\": None", StringComparison.Ordinal), ParseFailureKind.None, "42" },
        { "unescaped inner quotes", Clean.Replace("6 times 7 is 42.", "He said \"forty two\" twice", StringComparison.Ordinal), ParseFailureKind.None, "42" },
        { "stray backslash", Clean.Replace("6 times 7 is 42.", @"so \(6 \cdot 7 = 42\)", StringComparison.Ordinal), ParseFailureKind.None, "42" },
        { "line comment", Clean.Replace("[{", "[ // steps follow\n{", StringComparison.Ordinal), ParseFailureKind.None, "42" },
        { "numeric content", Clean.Replace("\"42\"", "42", StringComparison.Ordinal), ParseFailureKind.None, "42" },
        { "unicode content", Clean.Replace("42", "四十二 ✓", StringComparison.Ordinal), ParseFailureKind.None, "四十二 ✓" },
        { "two conclusions, last wins", Clean.Replace("\"42\"}]", "\"41\"}, {\"action\": \"Final Conclusion\", \"content\": \"42\"}]", StringComparison.Ordinal), ParseFailureKind.None, "42" },
        { "duplicate CoT key, last wins", "{\"CoT\": [], \"CoT\": " + Steps + "}", ParseFailureKind.None, "42" },
        { "cut after a complete conclusion", Clean[..^2] + ", {\"act", ParseFailureKind.None, "42" },
        { "cut inside the final answer", Clean[..Clean.LastIndexOf("42", StringComparison.Ordinal)] + "4", ParseFailureKind.Truncated, null },
        { "cut mid inner thinking", Clean[..Clean.IndexOf("is 42.", StringComparison.Ordinal)], ParseFailureKind.Truncated, null },
        { "cut after opening list", "{\"CoT\": [", ParseFailureKind.Truncated, null },
        { "cut inside the first key", "{\"Co", ParseFailureKind.Truncated, null },
        { "cut after a colon", Clean[..(Clean.LastIndexOf("\"content\":", StringComparison.Ordinal) + 10)], ParseFailureKind.Truncated, null },
        { "missing final conclusion", NoFinal, ParseFailureKind.MissingFinalConclusion, null },
        { "empty", string.Empty, ParseFailureKind.Empty, null },
        { "whitespace", "  \n\t ", ParseFailureKind.Empty, null },
        { "prose only", "The answer is 42.", ParseFailureKind.NoJson, null },
        { "json null", "null", ParseFailureKind.NoJson, null },
        { "wrong key", "{\"answer\": 42}", ParseFailureKind.MissingKey, null },
        { "unrelated list", "[1, 2, 3]", ParseFailureKind.MissingKey, null },
        { "CoT is text", "{\"CoT\": \"I think it is 42\"}", ParseFailureKind.InvalidShape, null },
        { "CoT is empty", "{\"CoT\": []}", ParseFailureKind.InvalidShape, null },
        { "step is text", "{\"CoT\": [\"Final Conclusion: 42\"]}", ParseFailureKind.InvalidShape, null },
        { "step without content", "{\"CoT\": [{\"action\": \"Final Conclusion\"}]}", ParseFailureKind.InvalidShape, null },
        { "step without action", "{\"CoT\": [{\"content\": \"42\"}]}", ParseFailureKind.InvalidShape, null },
        { "action is a number", "{\"CoT\": [{\"action\": 3, \"content\": \"42\"}]}", ParseFailureKind.InvalidShape, null },
        { "missing comma between steps", "{\"CoT\": [{\"action\": \"Review\", \"content\": \"a\"} {\"action\": \"Final Conclusion\", \"content\": \"42\"}]}", ParseFailureKind.None, "42" },
        { "missing colon", "{\"CoT\": [{\"action\": \"Review\", \"content\": \"a\"}, {\"action\": \"Final Conclusion\", \"content\" \"42\"}]}", ParseFailureKind.InvalidJson, null },
        { "prose braces only", "I would write {x} or \\frac{1}{2}.", ParseFailureKind.NoJson, null },
        { "final conclusion content null", Clean.Replace("\"42\"", "null", StringComparison.Ordinal), ParseFailureKind.InvalidShape, null },
        { "garbage after key", "{\"CoT\": @@@}", ParseFailureKind.InvalidJson, null },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void ParseCot_MalformedVariant_ExpectedOutcome(string name, string reply, ParseFailureKind expected, string? finalAnswer)
    {
        var outcome = ResponseParser.ParseCot(reply);

        Assert.True(outcome.FailureKind == expected, $"{name}: expected {expected}, got {outcome}");
        if (expected == ParseFailureKind.None)
        {
            Assert.True(outcome.IsSuccess);
            var node = new ReasoningNode("n0", "initialize", "p", reply, outcome.Value);
            Assert.Equal(finalAnswer, node.FinalAnswer);
            Assert.All(outcome.Value, s => Assert.Contains(s.Action, (string[])[CotActions.Review, CotActions.InnerThinking, CotActions.FinalConclusion]));
        }
        else
        {
            Assert.False(outcome.IsSuccess);
            Assert.False(string.IsNullOrWhiteSpace(outcome.Message));
            Assert.Null(outcome.Value);
        }
    }

    [Fact]
    public void ParseCot_CleanReply_NeedsNoRepairs()
    {
        var outcome = ResponseParser.ParseCot(Clean);

        Assert.True(outcome.IsSuccess);
        Assert.Empty(outcome.Repairs);
        Assert.Equal(3, outcome.Value.Count);
        Assert.Equal(new CotStep(CotActions.InnerThinking, "6 times 7 is 42.", "Multiply"), outcome.Value[1]);
    }

    [Fact]
    public void ParseCot_RawNewline_IsKeptInContentAndReported()
    {
        var outcome = ResponseParser.ParseCot(Clean.Replace("6 times 7 is 42.", "line one\nline two", StringComparison.Ordinal));

        Assert.True(outcome.IsSuccess);
        Assert.Equal("line one\nline two", outcome.Value[1].Content);
        Assert.Contains(outcome.Repairs, r => r.Contains("newlines", StringComparison.Ordinal));
    }

    [Fact]
    public void ParseCot_CutAfterCompleteSteps_KeepsThemAndReportsTheCut()
    {
        var outcome = ResponseParser.ParseCot(Clean[..^2] + ", {\"action\": \"Review\", \"content\": \"Double-check");

        Assert.True(outcome.IsSuccess);
        Assert.Equal(3, outcome.Value.Count);
        Assert.Contains(outcome.Repairs, r => r.Contains("cut off", StringComparison.Ordinal));
    }

    [Fact]
    public void ParseCot_FinalConclusionNotRequired_AcceptsChainWithoutOne()
    {
        var outcome = ResponseParser.ParseCot(NoFinal, requireFinalConclusion: false);

        Assert.True(outcome.IsSuccess);
        Assert.Equal(2, outcome.Value.Count);
    }

    [Fact]
    public void ParseCot_MissingKey_MessageNamesTheKeysFound()
    {
        var outcome = ResponseParser.ParseCot("{\"answer\": 42, \"steps\": []}");

        Assert.Equal(ParseFailureKind.MissingKey, outcome.FailureKind);
        Assert.Contains("'answer'", outcome.Message, StringComparison.Ordinal);
        Assert.Contains("CoT", outcome.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseCot_StepWithoutContent_MessageNamesTheStep()
    {
        var outcome = ResponseParser.ParseCot("{\"CoT\": [{\"action\": \"Review\", \"content\": \"a\"}, {\"action\": \"Final Conclusion\"}]}");

        Assert.Equal(ParseFailureKind.InvalidShape, outcome.FailureKind);
        Assert.Contains("step 1", outcome.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseCot_HugeProseWithManyBraces_StillFindsThePayload()
    {
        string prose = string.Concat(Enumerable.Repeat("Consider {x} and [y]. ", 200));

        var outcome = ResponseParser.ParseCot(prose + Clean);

        Assert.True(outcome.IsSuccess, outcome.ToString());
    }
}
