using System.Text.RegularExpressions;
using CotForge.Core.Prompts;
using CotForge.Core.Scoring;
using CotForge.Core.Search;
using CotForge.Core.Strategies;
using CotForge.Core.Verification;
using Microsoft.Extensions.Time.Testing;

namespace CotForge.Core.Tests.Fakes;

/// <summary>Wires a scripted client into search services: strategy steps, an oracle judge and an oracle scorer.</summary>
internal sealed partial class SearchHarness
{
    public const string Question = "What is 6 x 7?";
    public const string Truth = "42";

    public SearchHarness(Func<ScriptedCall, string>? answerFor = null)
    {
        Client = new ScriptedChatClient()
            .On(PromptKind.StrategyStep, c => Replies.Cot(answerFor?.Invoke(c) ?? "41", $"depth {DepthOf(c)} via {c.Strategy}"))
            .On(PromptKind.Verification, Replies.OracleJudge)
            .On(PromptKind.Scoring, Replies.OracleScorer);
    }

    public ScriptedChatClient Client { get; }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));

    public StrategyRegistry Strategies { get; set; } = StrategyRegistry.CreateDefault();

    public IVerifier? Verifier { get; set; }

    public IScorer? Scorer { get; set; }

    public SearchServices Services(bool withScorer = true) => new()
    {
        SearchClient = Client,
        Verifier = Verifier ?? new LlmJudgeVerifier(Client) { TimeProvider = Time },
        Scorer = withScorer ? Scorer ?? new LlmProbabilityScorer(Client) { TimeProvider = Time } : null,
        Strategies = Strategies,
        TimeProvider = Time,
    };

    public static SearchRequest Request(int seed = 1) => new(Question, Truth, seed);

    /// <summary>The depth of the node a strategy-step prompt asks for: one Final Conclusion per earlier node.</summary>
    public static int DepthOf(ScriptedCall call) =>
        ConclusionRegex().Count(call.Section(PromptProtocol.PreviousReasoningTag) ?? string.Empty);

    [GeneratedRegex("\"action\": \"Final Conclusion\"")]
    private static partial Regex ConclusionRegex();
}
