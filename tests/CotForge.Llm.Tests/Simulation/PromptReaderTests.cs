using CotForge.Core.Prompts;
using CotForge.Llm.Simulation;
using CotForge.TestUtilities.Prompts;

namespace CotForge.Llm.Tests.Simulation;

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
