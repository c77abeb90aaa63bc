using CotForge.Core.Prompts;
using CotForge.Llm.Simulation;
using CotForge.TestUtilities.Prompts;

namespace CotForge.Llm.Tests.Simulation;

/// <summary>The span readers must give what <see cref="PromptReader"/>'s tolerant readers give, on the same text.</summary>
public sealed class PromptSpansTests
{
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

            Assert.True(PromptReader.TryGetSection(prompt, PromptProtocol.PreviousReasoningTag, out var previous));
            Assert.Equal(depth, PromptSpans.CountConclusions(previous));
        }
    }
}
