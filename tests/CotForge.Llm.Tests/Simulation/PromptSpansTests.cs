using CotForge.Core.Prompts;
using CotForge.Llm.Simulation;
using CotForge.TestUtilities.Prompts;

namespace CotForge.Llm.Tests.Simulation;

/// <summary>The span readers must give what <see cref="PromptReader"/>'s tolerant readers give, on the same text.</summary>
public sealed class PromptSpansTests
{
    public static TheoryData<string> KindPrompts() =>
    [
        "No marker at all.",
        "[cotforge:unknown-kind]\nbody",
        "[cotforge:scoring",
        "[cotforge: verification ]\nbody",
        "You are careful.\n[cotforge:strict-verification]\nDo the task.",
        "[cotforge:]",
        SamplePrompts.StrategyStep("q"),
        SamplePrompts.Verification("q", "1", "1", strict: true),
        SamplePrompts.Scoring("q", "1", [("a", "1")]),
        SamplePrompts.NaturalReasoning("q", "[]"),
        SamplePrompts.FormalAnswer("q", "x"),
    ];

    [Theory]
    [MemberData(nameof(KindPrompts))]
    public void DetectKind_AnyPrompt_SameAsPromptReader(string prompt) =>
        Assert.Equal(PromptReader.DetectKind(prompt), PromptSpans.DetectKind(prompt));

    [Theory]
    [InlineData("Compare <candidate_answer> with <ground_truth>.\n<candidate_answer>\n 42 \n</candidate_answer>\n<ground_truth>41</ground_truth>", PromptProtocol.CandidateAnswerTag)]
    [InlineData("Compare <candidate_answer> with <ground_truth>.\n<candidate_answer>\n 42 \n</candidate_answer>\n<ground_truth>41</ground_truth>", PromptProtocol.GroundTruthTag)]
    [InlineData("<question>a</question>", PromptProtocol.QuestionTag)]
    [InlineData("<question></question>", PromptProtocol.QuestionTag)]
    [InlineData("<question>\n \n</question>", PromptProtocol.QuestionTag)]
    [InlineData("<question>a", PromptProtocol.QuestionTag)]
    [InlineData("a</question>", PromptProtocol.QuestionTag)]
    [InlineData("</question><question>a", PromptProtocol.QuestionTag)]
    [InlineData("<question>a</question> and <question>b</question>", PromptProtocol.QuestionTag)]
    [InlineData("<reasoning>x</reasoning><previous_reasoning>y</previous_reasoning>", PromptProtocol.ReasoningTag)]
    [InlineData("<reasoning>x</reasoning><previous_reasoning>y</previous_reasoning>", PromptProtocol.PreviousReasoningTag)]
    [InlineData("no sections", PromptProtocol.StrategyTag)]
    public void TryGetSection_AnyPrompt_SameAsPromptReader(string prompt, string tag)
    {
        string? expected = PromptReader.Section(prompt, tag);

        bool found = PromptSpans.TryGetSection(prompt, tag, out var section);

        Assert.Equal(expected is not null, found);
        Assert.Equal(expected ?? string.Empty, section.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("[]")]
    [InlineData(" [ ] ")]
    [InlineData("""[{"action":"Inner Thinking","content":"x"},{"action":"Final Conclusion","content":"1"},{"action":"Final Conclusion","content":"2"}]""")]
    [InlineData("""{"CoT":[{"action":"Final Conclusion","content":"1"}]}""")]
    [InlineData("""{"cot":[{"ACTION":"final conclusion","content":"1"}]}""")]
    [InlineData("""{"other":[{"action":"Final Conclusion"}],"CoT":[{"action":"Final Conclusion","content":"1"}],"more":[{"action":"Final Conclusion"}]}""")]
    [InlineData("""{"CoT":[{"action":"Final Conclusion"}],"CoT":[{"action":"Final Conclusion"},{"action":"Final Conclusion"}]}""")]
    [InlineData("""{"CoT":"Final Conclusion"}""")]
    [InlineData("""{"steps":[{"action":"Final Conclusion"}]}""")]
    [InlineData("""[{"action":"Final \u0043onclusion"},{"\u0061ction":"Final Conclusion"}]""")]
    [InlineData("""[{"action":"Final Conclusion","action":"Inner Thinking"},{"content":"Final Conclusion"}]""")]
    [InlineData("""[{"action":{"action":"Final Conclusion"}},[{"action":"Final Conclusion"}],"Final Conclusion",1]""")]
    [InlineData("""[{"action":"Final Conclusion"},{"content":[{"action":"Final Conclusion"}]}]""")]
    [InlineData("""[{"action":"Final Conclusion"}""")]
    [InlineData("""[{"action":"Final Conclusion"}] trailing Final Conclusion""")]
    [InlineData("""{"action":"Final Conclusion"}""")]
    [InlineData("Inner Thinking: x. Final Conclusion: 1. Review. final conclusion: 2.")]
    [InlineData("[Final Conclusion] then Final Conclusion")]
    public void CountConclusions_AnyReasoning_SameAsPromptReader(string reasoning) =>
        Assert.Equal(PromptReader.CountConclusions(reasoning), PromptSpans.CountConclusions(reasoning));

    [Fact]
    public void CountConclusions_PreviousChainsOfManyDepths_CountTheirDepth()
    {
        for (int depth = 0; depth < 12; depth++)
        {
            string prompt = SamplePrompts.StrategyStep("q", SamplePrompts.PreviousChain(depth, "a \"quoted\" answer"));

            Assert.True(PromptSpans.TryGetSection(prompt, PromptProtocol.PreviousReasoningTag, out var previous));
            Assert.Equal(depth, PromptSpans.CountConclusions(previous));
        }
    }
}
