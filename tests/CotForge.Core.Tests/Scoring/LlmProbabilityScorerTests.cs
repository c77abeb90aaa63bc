using CotForge.Core.Prompts;
using CotForge.Core.Scoring;
using CotForge.Core.Search;
using CotForge.Core.Tests.Fakes;

namespace CotForge.Core.Tests.Scoring;

public sealed class LlmProbabilityScorerTests
{
    private static ScoringRequest Request(params string[] ids) => new("Q?", "42", [.. ids.Select(id => new ScoringOption(id, "answer " + id))]);

    [Fact]
    public async Task ScoreAsync_AllOptionsScored_ReturnsEachScore()
    {
        var client = new ScriptedChatClient().Enqueue(PromptKind.Scoring, Replies.Scores(("n1", 0.9), ("n2", 0.2)));

        var scores = await new LlmProbabilityScorer(client).ScoreAsync(Request("n1", "n2"));

        Assert.Equal(0.9, scores["n1"]);
        Assert.Equal(0.2, scores["n2"]);
        Assert.Equal(["n1", "n2"], PromptReader.GetOptions(client.Calls[0].Prompt).Select(o => o.Key));
    }

    [Fact]
    public async Task ScoreAsync_MissingAndInventedOptions_MissingScoreZeroInventedIgnored()
    {
        var client = new ScriptedChatClient().Enqueue(PromptKind.Scoring, Replies.Scores(("n1", 0.9), ("n9", 1)));

        var scores = await new LlmProbabilityScorer(client).ScoreAsync(Request("n1", "n2"));

        Assert.Equal(new Dictionary<string, double> { ["n1"] = 0.9, ["n2"] = 0 }, scores);
    }

    [Fact]
    public async Task ScoreAsync_RecasedIds_MatchedIgnoringCase()
    {
        var client = new ScriptedChatClient().Enqueue(PromptKind.Scoring, Replies.Scores(("N1", 0.7)));

        var scores = await new LlmProbabilityScorer(client).ScoreAsync(Request("n1"));

        Assert.Equal(0.7, scores["n1"]);
    }

    [Fact]
    public async Task ScoreAsync_Unparseable_RetriesThenFailsWithScoreStage()
    {
        var client = new ScriptedChatClient().On(PromptKind.Scoring, _ => "n1 looks best");

        var ex = await Assert.ThrowsAsync<ReasoningFailureException>(() => new LlmProbabilityScorer(client, parseRetries: 1).ScoreAsync(Request("n1")).AsTask());

        Assert.Equal(("score", "unparseable_output", 2), (ex.Stage, ex.Kind, ex.Attempts));
        Assert.Equal(2, client.Calls.Count);
    }

    [Fact]
    public async Task ScoreAsync_NoOptions_NoCall()
    {
        var client = new ScriptedChatClient();

        var scores = await new LlmProbabilityScorer(client).ScoreAsync(new ScoringRequest("Q", "A", []));

        Assert.Empty(scores);
        Assert.Empty(client.Calls);
    }

    [Fact]
    public void Describe_HasName()
    {
        Assert.Equal("llm_probability", new LlmProbabilityScorer(new ScriptedChatClient()).Describe()["name"]!.GetValue<string>());
    }
}
