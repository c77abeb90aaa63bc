using System.Text.Json;
using CotForge.Core.Prompts;
using CotForge.Core.Reasoning;
using CotForge.Core.Scoring;
using CotForge.Core.Strategies;
using CotForge.Core.Tests.Fakes;

namespace CotForge.Core.Tests.Prompts;

public sealed class PromptTemplatesTests
{
    private const string Question = "A train leaves at 3 pm {sharp}. When does it arrive?";

    public static TheoryData<PromptKind> Kinds() => new(Enum.GetValues<PromptKind>());

    [Theory]
    [MemberData(nameof(Kinds))]
    public void EveryPrompt_StartsWithItsMarkerAndCarriesTheQuestion(PromptKind kind)
    {
        string prompt = Build(kind);

        Assert.StartsWith(PromptProtocol.MarkerFor(kind) + "\n", prompt, StringComparison.Ordinal);
        Assert.True(PromptReader.TryGetKind(prompt, out var read));
        Assert.Equal(kind, read);
        Assert.Equal(Question, PromptReader.GetSection(prompt, PromptProtocol.QuestionTag));
    }

    [Fact]
    public void StrategyStep_Continuation_CarriesPreviousReasoningAsJsonAndTheStrategy()
    {
        var previous = Trees.Steps("41");
        var strategy = StrategyRegistry.CreateDefault().Get("correction");

        string prompt = PromptTemplates.StrategyStep(Question, previous, strategy);

        using var doc = JsonDocument.Parse(PromptReader.GetSection(prompt, PromptProtocol.PreviousReasoningTag)!);
        Assert.Equal(3, doc.RootElement.GetArrayLength());
        Assert.Equal("Final Conclusion", doc.RootElement[2].GetProperty("action").GetString());
        Assert.Equal("41", doc.RootElement[2].GetProperty("content").GetString());
        Assert.Equal("correction: " + strategy.Description, PromptReader.GetSection(prompt, PromptProtocol.StrategyTag));
        Assert.Contains("{\"CoT\": [", prompt, StringComparison.Ordinal);
        Assert.Contains("Build on the earlier reasoning", prompt, StringComparison.Ordinal);
    }

    [Fact]
    public void StrategyStep_Initial_HasEmptyPreviousReasoning()
    {
        string prompt = PromptTemplates.StrategyStep(Question, [], BuiltInStrategies.Initialize);

        Assert.Equal("[]", PromptReader.GetSection(prompt, PromptProtocol.PreviousReasoningTag));
        Assert.Contains("start from the question itself", prompt, StringComparison.Ordinal);
    }

    [Fact]
    public void Verification_LenientAndStrict_DifferInMarkerAndRules()
    {
        string lenient = PromptTemplates.Verification(Question, "5 pm", "17:00", strict: false);
        string strict = PromptTemplates.Verification(Question, "5 pm", "17:00", strict: true);

        Assert.Equal("5 pm", PromptReader.GetSection(lenient, PromptProtocol.GroundTruthTag));
        Assert.Equal("17:00", PromptReader.GetSection(strict, PromptProtocol.CandidateAnswerTag));
        Assert.Contains("When in doubt, say \"no\"", strict, StringComparison.Ordinal);
        Assert.DoesNotContain("When in doubt", lenient, StringComparison.Ordinal);
        Assert.Contains("{\"verification\": {\"explanation\"", lenient, StringComparison.Ordinal);
    }

    [Fact]
    public void Scoring_EveryOption_IsTaggedWithItsId()
    {
        string prompt = PromptTemplates.Scoring(Question, "5 pm", [new ScoringOption("n3", "5 pm"), new ScoringOption("n4", null)]);

        var options = PromptReader.GetOptions(prompt);
        Assert.Equal(["n3", "n4"], options.Select(o => o.Key));
        Assert.Equal("5 pm", options[0].Value);
        Assert.Contains("no final answer", options[1].Value, StringComparison.Ordinal);
        Assert.Contains("{\"scoring\": {\"n3\": <number>, \"n4\": <number>}}", prompt, StringComparison.Ordinal);
    }

    [Fact]
    public void NaturalReasoningAndFormalAnswer_CarryTheReasoning()
    {
        string natural = PromptTemplates.NaturalReasoning(Question, Trees.Steps("5 pm"));
        string formal = PromptTemplates.FormalAnswer(Question, "I think it is 5 pm.");

        Assert.StartsWith("[", PromptReader.GetSection(natural, PromptProtocol.ReasoningTag), StringComparison.Ordinal);
        Assert.Contains("{\"NaturalReasoning\":", natural, StringComparison.Ordinal);
        Assert.Equal("I think it is 5 pm.", PromptReader.GetSection(formal, PromptProtocol.ReasoningTag));
    }

    [Fact]
    public void GetStrategyNameAndPreviousSteps_StrategyStep_ReadBack()
    {
        string continuation = PromptTemplates.StrategyStep(Question, [.. Trees.Steps("1"), .. Trees.Steps("2")], BuiltInStrategies.Backtrack);
        string initial = PromptTemplates.StrategyStep(Question, [], BuiltInStrategies.Initialize);

        Assert.Equal("backtrack", PromptReader.GetStrategyName(continuation));
        Assert.Equal([.. Trees.Steps("1"), .. Trees.Steps("2")], PromptReader.GetPreviousSteps(continuation));
        Assert.Equal(2, PromptReader.GetPreviousSteps(continuation)!.Count(s => s.IsFinalConclusion));
        Assert.Equal("initialize", PromptReader.GetStrategyName(initial));
        Assert.Empty(PromptReader.GetPreviousSteps(initial)!);
        Assert.Null(PromptReader.GetPreviousSteps(PromptTemplates.FormalAnswer(Question, "x")));
        Assert.Null(PromptReader.GetStrategyName(PromptTemplates.FormalAnswer(Question, "x")));
    }

    [Fact]
    public void TryGetKind_NoMarker_False()
    {
        Assert.False(PromptReader.TryGetKind("Hello there", out _));
        Assert.False(PromptReader.TryGetKind("[cotforge:unknown]\nx", out _));
    }

    [Fact]
    public void GetSection_Missing_Null()
    {
        Assert.Null(PromptReader.GetSection(PromptTemplates.FormalAnswer(Question, "x"), PromptProtocol.GroundTruthTag));
    }

    private static string Build(PromptKind kind) => kind switch
    {
        PromptKind.StrategyStep => PromptTemplates.StrategyStep(Question, Trees.Steps("5"), BuiltInStrategies.Validation),
        PromptKind.Verification => PromptTemplates.Verification(Question, "5 pm", "5 pm", strict: false),
        PromptKind.StrictVerification => PromptTemplates.Verification(Question, "5 pm", "5 pm", strict: true),
        PromptKind.Scoring => PromptTemplates.Scoring(Question, "5 pm", [new ScoringOption("n1", "5 pm")]),
        PromptKind.NaturalReasoning => PromptTemplates.NaturalReasoning(Question, [new CotStep(CotActions.FinalConclusion, "5 pm")]),
        PromptKind.FormalAnswer => PromptTemplates.FormalAnswer(Question, "It arrives at 5 pm."),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}
