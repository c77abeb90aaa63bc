using CotForge.Core.Prompts;
using CotForge.TestUtilities.Prompts;

namespace CotForge.Core.Tests.Prompts;

public sealed class PromptReaderTests
{
    [Theory]
    [InlineData(PromptKind.StrategyStep)]
    [InlineData(PromptKind.Verification)]
    [InlineData(PromptKind.StrictVerification)]
    [InlineData(PromptKind.Scoring)]
    [InlineData(PromptKind.NaturalReasoning)]
    [InlineData(PromptKind.FormalAnswer)]
    public void DetectKind_MarkerLine_ReturnsItsKind(PromptKind kind)
    {
        string prompt = "You are careful.\n" + PromptProtocol.MarkerFor(kind) + "\nDo the task.";

        Assert.Equal(kind, PromptReader.DetectKind(prompt));
    }

    [Theory]
    [InlineData("No marker at all.")]
    [InlineData("[cotforge:unknown-kind]\nbody")]
    [InlineData("[cotforge:scoring")]
    public void DetectKind_NoKnownMarker_ReturnsNull(string prompt) => Assert.Null(PromptReader.DetectKind(prompt));

    [Theory]
    [InlineData("No marker at all.", null)]
    [InlineData("[cotforge:unknown-kind]\nbody", null)]
    [InlineData("[cotforge:scoring", null)]
    [InlineData("[cotforge:]", null)]
    [InlineData("[cotforge: verification ]\nbody", PromptKind.Verification)]
    [InlineData("You are careful.\n[cotforge:strict-verification]\nDo the task.", PromptKind.StrictVerification)]
    public void DetectKind_StringAndSpan_SameKind(string prompt, PromptKind? expected)
    {
        Assert.Equal(expected, PromptReader.DetectKind(prompt));
        Assert.Equal(expected, PromptReader.DetectKind(prompt.AsSpan()));
    }

    [Theory]
    [InlineData("Compare <candidate_answer> with <ground_truth>.\n<candidate_answer>\n 42 \n</candidate_answer>\n<ground_truth>41</ground_truth>", PromptProtocol.CandidateAnswerTag, "42")]
    [InlineData("Compare <candidate_answer> with <ground_truth>.\n<candidate_answer>\n 42 \n</candidate_answer>\n<ground_truth>41</ground_truth>", PromptProtocol.GroundTruthTag, "41")]
    [InlineData("<question>a</question>", PromptProtocol.QuestionTag, "a")]
    [InlineData("<question></question>", PromptProtocol.QuestionTag, "")]
    [InlineData("<question>\n \n</question>", PromptProtocol.QuestionTag, "")]
    [InlineData("<question>a", PromptProtocol.QuestionTag, null)]
    [InlineData("a</question>", PromptProtocol.QuestionTag, null)]
    [InlineData("</question><question>a", PromptProtocol.QuestionTag, null)]
    [InlineData("<question>a</question> and <question>b</question>", PromptProtocol.QuestionTag, "b")]
    [InlineData("<reasoning>x</reasoning><previous_reasoning>y</previous_reasoning>", PromptProtocol.ReasoningTag, "x")]
    [InlineData("<reasoning>x</reasoning><previous_reasoning>y</previous_reasoning>", PromptProtocol.PreviousReasoningTag, "y")]
    [InlineData("no sections", PromptProtocol.StrategyTag, null)]
    public void Section_StringAndSpan_SameSection(string prompt, string tag, string? expected)
    {
        Assert.Equal(expected, PromptReader.Section(prompt, tag));
        Assert.Equal(expected is not null, PromptReader.TryGetSection(prompt, tag, out var section));
        Assert.Equal(expected ?? string.Empty, section.ToString());
    }

    [Fact]
    public void Section_TagMentionedInInstructionsBeforeTheData_ReturnsTheDataSection()
    {
        string prompt = "Compare the text in <candidate_answer> with the one in <ground_truth>.\n<candidate_answer>\n 42 \n</candidate_answer>\n<ground_truth>41</ground_truth>";

        Assert.Equal("42", PromptReader.Section(prompt, PromptProtocol.CandidateAnswerTag));
        Assert.Equal("41", PromptReader.Section(prompt, PromptProtocol.GroundTruthTag));
        Assert.Null(PromptReader.Section(prompt, PromptProtocol.QuestionTag));
    }

    [Fact]
    public void Options_ScoringPrompt_ReturnsIdsAndAnswersInOrder()
    {
        string prompt = SamplePrompts.Scoring("q", "1", [("a", "one"), ("b", " two ")]) + "<option id='c'>three</option>";

        Assert.Equal([("a", "one"), ("b", "two"), ("c", "three")], PromptReader.Options(prompt));
    }

    [Theory]
    [InlineData("", 0)]
    [InlineData("[]", 0)]
    [InlineData("""[{"action":"Inner Thinking","content":"x"},{"action":"Final Conclusion","content":"1"},{"action":"Final Conclusion","content":"2"}]""", 2)]
    [InlineData("""{"CoT":[{"action":"Final Conclusion","content":"1"}]}""", 1)]
    [InlineData("Inner Thinking: x. Final Conclusion: 1. Review. Final Conclusion: 2.", 2)]
    public void CountConclusions_PreviousReasoning_CountsFinalConclusions(string reasoning, int expected) =>
        Assert.Equal(expected, PromptReader.CountConclusions(reasoning));
}
