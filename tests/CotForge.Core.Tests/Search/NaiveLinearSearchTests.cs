using System.Text;
using CotForge.Core.Items;
using CotForge.Core.Prompts;
using CotForge.Core.Reasoning;
using CotForge.Core.Search;
using CotForge.Core.Strategies;
using CotForge.Core.Tests.Fakes;
using CotForge.Core.Verification;
using Microsoft.Extensions.AI;

namespace CotForge.Core.Tests.Search;

public sealed class NaiveLinearSearchTests
{
    [Fact]
    public async Task RunToCompletionAsync_RootVerifies_StopsWithOneSuccessfulNode()
    {
        var harness = new SearchHarness(_ => "42");

        var result = await new NaiveLinearSearch().CreateSession(SearchHarness.Request(), harness.Services()).RunToCompletionAsync();

        var node = Assert.Single(result.AllNodes);
        Assert.True(result.Success);
        Assert.Equal((true, true, "initialize", 0), (node.IsFinal, node.Success, node.Strategy, node.Depth));
        Assert.Equal([node], result.TerminalNodes);
        Assert.Equal("verified", result.Metadata["reason"]!.GetValue<string>());
        Assert.Equal([PromptKind.StrategyStep, PromptKind.Verification], harness.Client.Calls.Select(c => c.Kind));
    }

    [Fact]
    public async Task RunToCompletionAsync_NeverVerifies_RunsToMaxDepthAndMarksLastNodeFinal()
    {
        var harness = new SearchHarness(_ => "41");

        var result = await new NaiveLinearSearch().CreateSession(SearchHarness.Request(), harness.Services()).RunToCompletionAsync();

        Assert.False(result.Success);
        Assert.Equal([0, 1, 2, 3], result.AllNodes.Select(n => n.Depth));
        Assert.Equal([false, false, false, true], result.AllNodes.Select(n => n.IsFinal));
        Assert.All(result.AllNodes, n => Assert.False(n.Success));
        Assert.Same(result.AllNodes[^1], Assert.Single(result.TerminalNodes));
        Assert.Equal("max_depth_reached", result.Metadata["reason"]!.GetValue<string>());
        Assert.Equal(3, result.Metadata["depth"]!.GetValue<int>());
        Assert.Equal(4, harness.Client.CallsOf(PromptKind.Verification).Count);
        Assert.Empty(harness.Client.CallsOf(PromptKind.Scoring));
    }

    [Fact]
    public async Task RunToCompletionAsync_VerifiesAtDepthTwo_StopsAtFirstVerifiedChain()
    {
        var harness = new SearchHarness(c => SearchHarness.DepthOf(c) == 2 ? "42" : "41");

        var result = await new NaiveLinearSearch().CreateSession(SearchHarness.Request(), harness.Services()).RunToCompletionAsync();

        Assert.True(result.Success);
        Assert.Equal(3, result.AllNodes.Count);
        Assert.Equal(["42"], result.FinalAnswers);
        Assert.Equal(3, harness.Client.CallsOf(PromptKind.StrategyStep).Count);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 2)]
    [InlineData(5, 6)]
    public async Task RunToCompletionAsync_MaxDepth_BoundsTheChain(int maxDepth, int nodes)
    {
        var harness = new SearchHarness();

        var result = await new NaiveLinearSearch(new NaiveLinearSearchOptions { MaxDepth = maxDepth })
            .CreateSession(SearchHarness.Request(), harness.Services()).RunToCompletionAsync();

        Assert.Equal(nodes, result.AllNodes.Count);
        Assert.True(result.TerminalNodes.Single().IsFinal);
    }

    [Fact]
    public async Task RunToCompletionAsync_ManySeeds_RespectsStrategyRules()
    {
        for (int seed = 0; seed < 25; seed++)
        {
            var harness = new SearchHarness();

            var result = await new NaiveLinearSearch().CreateSession(SearchHarness.Request(seed), harness.Services()).RunToCompletionAsync();

            Assert.Equal("initialize", result.AllNodes[0].Strategy);
            Assert.All(result.AllNodes.Skip(1), n => Assert.NotEqual("initialize", n.Strategy));
            Assert.NotEqual("backtrack", result.AllNodes[1].Strategy);
            Assert.All(result.AllNodes, n => Assert.Equal(n.Strategy, harness.Client.Calls.First(c => c.Prompt == n.Prompt).Strategy));
        }
    }

    [Fact]
    public async Task RunToCompletionAsync_SameSeed_IdenticalTrees()
    {
        async Task<string> Run(int seed)
        {
            var harness = new SearchHarness();
            var result = await new NaiveLinearSearch().CreateSession(SearchHarness.Request(seed), harness.Services()).RunToCompletionAsync();
            return Encoding.UTF8.GetString(SearchTreeSerializer.SerializeToUtf8Bytes(result));
        }

        Assert.Equal(await Run(11), await Run(11));
        var distinct = new HashSet<string>();
        for (int seed = 0; seed < 8; seed++)
        {
            distinct.Add(await Run(seed));
        }

        Assert.True(distinct.Count > 1, "different seeds should take different strategy paths");
    }

    [Fact]
    public async Task AdvanceAsync_Continuation_PromptCarriesTheWholeChainSoFar()
    {
        var harness = new SearchHarness(c => SearchHarness.DepthOf(c) == 2 ? "42" : "4" + SearchHarness.DepthOf(c));

        await new NaiveLinearSearch().CreateSession(SearchHarness.Request(), harness.Services()).RunToCompletionAsync();

        var third = harness.Client.CallsOf(PromptKind.StrategyStep)[2];
        string previous = third.Section(PromptProtocol.PreviousReasoningTag)!;
        Assert.Contains("\"40\"", previous, StringComparison.Ordinal);
        Assert.Contains("\"41\"", previous, StringComparison.Ordinal);
        Assert.Equal(SearchHarness.Question, third.Section(PromptProtocol.QuestionTag));
    }

    [Fact]
    public async Task Session_Protocol_ExposesEachStepAndRejectsOutOfOrderCalls()
    {
        var harness = new SearchHarness(c => SearchHarness.DepthOf(c) == 1 ? "42" : "41");
        var session = new NaiveLinearSearch().CreateSession(SearchHarness.Request(), harness.Services());

        Assert.False(session.NeedsVerification);
        await Assert.ThrowsAsync<InvalidOperationException>(() => session.VerifyAsync().AsTask());
        Assert.Throws<InvalidOperationException>(() => session.Result);

        await session.AdvanceAsync();
        Assert.True(session.NeedsVerification);
        await Assert.ThrowsAsync<InvalidOperationException>(() => session.AdvanceAsync().AsTask());
        Assert.Empty(harness.Client.CallsOf(PromptKind.Verification));

        await session.VerifyAsync();
        Assert.False(session.IsComplete);
        await session.AdvanceAsync();
        await session.VerifyAsync();

        Assert.True(session.IsComplete);
        Assert.True(session.Result.Success);
        await Assert.ThrowsAsync<InvalidOperationException>(() => session.AdvanceAsync().AsTask());
    }

    [Fact]
    public async Task AdvanceAsync_Node_RecordsUsageModelTimingAndVerdict()
    {
        var harness = new SearchHarness(_ => "42");
        harness.Client.BeforeReply = (call, _) =>
        {
            if (call.Kind == PromptKind.StrategyStep)
            {
                harness.Time.Advance(TimeSpan.FromMilliseconds(250));
            }

            return Task.CompletedTask;
        };

        var result = await new NaiveLinearSearch().CreateSession(SearchHarness.Request(), harness.Services()).RunToCompletionAsync();

        var metadata = result.AllNodes[0].Metadata;
        Assert.Equal(100, metadata["usage"]!["input_tokens"]!.GetValue<long>());
        Assert.Equal(20, metadata["usage"]!["output_tokens"]!.GetValue<long>());
        Assert.Equal("scripted-model", metadata["model"]!.GetValue<string>());
        Assert.Equal(250.0, metadata["elapsed_ms"]!.GetValue<double>());
        Assert.Equal(1, metadata["attempts"]!.GetValue<int>());
        Assert.Equal("llm_judge", metadata["verifier"]!.GetValue<string>());
        Assert.True(metadata["verified"]!.GetValue<bool>());
        Assert.Equal("Compared the answers.", metadata["verification"]!.GetValue<string>());
    }

    [Fact]
    public async Task AdvanceAsync_UnparseableThenValid_RetriesAndSumsUsage()
    {
        var harness = new SearchHarness(_ => "42");
        harness.Client.Enqueue(PromptKind.StrategyStep, "Let me think about it...");

        var result = await new NaiveLinearSearch().CreateSession(SearchHarness.Request(), harness.Services()).RunToCompletionAsync();

        var metadata = result.AllNodes[0].Metadata;
        Assert.Equal(2, metadata["attempts"]!.GetValue<int>());
        Assert.Equal(200, metadata["usage"]!["input_tokens"]!.GetValue<long>());
        Assert.Equal(Replies.Cot("42", "depth 0 via initialize"), result.AllNodes[0].Response);
    }

    [Fact]
    public async Task AdvanceAsync_RepairedReply_RecordsTheRepairs()
    {
        var harness = new SearchHarness();
        harness.Client.Enqueue(PromptKind.StrategyStep, "```json\n" + Replies.Cot("42") + "\n```");

        var result = await new NaiveLinearSearch().CreateSession(SearchHarness.Request(), harness.Services()).RunToCompletionAsync();

        Assert.Contains("code fence", result.AllNodes[0].Metadata["parse_repairs"]![0]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(2, 3)]
    public async Task AdvanceAsync_AlwaysUnparseable_FailsAfterRetries(int retries, int attempts)
    {
        var harness = new SearchHarness();
        harness.Client.On(PromptKind.StrategyStep, _ => "{\"CoT\": [{\"action\": \"Review\", \"content\": \"no conclusion\"}]}");

        var ex = await Assert.ThrowsAsync<ReasoningFailureException>(() =>
            new NaiveLinearSearch(new NaiveLinearSearchOptions { ParseRetries = retries }).CreateSession(SearchHarness.Request(), harness.Services()).RunToCompletionAsync().AsTask());

        Assert.Equal(("search", "unparseable_output", attempts), (ex.Stage, ex.Kind, ex.Attempts));
        Assert.Contains("MissingFinalConclusion", ex.Message, StringComparison.Ordinal);
        Assert.Equal(attempts, harness.Client.Calls.Count);
    }

    [Fact]
    public async Task AdvanceAsync_ProviderFails_SurfacesAsProviderError()
    {
        var harness = new SearchHarness();
        harness.Client.BeforeReply = (_, _) => throw new HttpRequestException("429 Too Many Requests");

        var ex = await Assert.ThrowsAsync<ReasoningFailureException>(() =>
            new NaiveLinearSearch().CreateSession(SearchHarness.Request(), harness.Services()).RunToCompletionAsync().AsTask());

        Assert.Equal(("search", "provider_error"), (ex.Stage, ex.Kind));
    }

    [Fact]
    public async Task VerifyAsync_VerifierBug_SurfacesAsReasoningFailure()
    {
        var harness = new SearchHarness { Verifier = new ThrowingVerifier() };

        var ex = await Assert.ThrowsAsync<ReasoningFailureException>(() =>
            new NaiveLinearSearch().CreateSession(SearchHarness.Request(), harness.Services()).RunToCompletionAsync().AsTask());

        Assert.Equal(("verify", "verifier_error"), (ex.Stage, ex.Kind));
        Assert.IsType<NullReferenceException>(ex.InnerException);
    }

    [Fact]
    public async Task RunToCompletionAsync_Token_ReachesEveryClientCall()
    {
        var harness = new SearchHarness();
        using var cts = new CancellationTokenSource();

        await new NaiveLinearSearch().CreateSession(SearchHarness.Request(), harness.Services()).RunToCompletionAsync(cts.Token);

        Assert.Equal(8, harness.Client.Calls.Count);
        Assert.All(harness.Client.Calls, c => Assert.Equal(cts.Token, c.CancellationToken));
    }

    [Fact]
    public async Task RunToCompletionAsync_CancelledWhileModelThinks_ThrowsOperationCanceled()
    {
        var harness = new SearchHarness();
        using var cts = new CancellationTokenSource();
        harness.Client.BeforeReply = async (call, token) =>
        {
            if (call.Index == 2)
            {
                await cts.CancelAsync();
                await Task.Delay(Timeout.Infinite, token);
            }
        };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            new NaiveLinearSearch().CreateSession(SearchHarness.Request(), harness.Services()).RunToCompletionAsync(cts.Token).AsTask());
        Assert.Equal(3, harness.Client.Calls.Count);
    }

    [Fact]
    public async Task AdvanceAsync_SearchOptions_ReachTheClient()
    {
        var harness = new SearchHarness(_ => "42");
        var services = new SearchServices
        {
            SearchClient = harness.Client,
            SearchOptions = new ChatOptions { ModelId = "search-model", MaxOutputTokens = 900 },
            Verifier = new ExactMatchVerifier(),
            Strategies = harness.Strategies,
        };

        await new NaiveLinearSearch().CreateSession(SearchHarness.Request(), services).RunToCompletionAsync();

        var options = harness.Client.Calls.Single().Options!;
        Assert.Equal(("search-model", 900), (options.ModelId, options.MaxOutputTokens));
    }

    [Fact]
    public async Task AdvanceAsync_WithoutAmbientItem_EntersItForTheCalls()
    {
        var harness = new SearchHarness(_ => "42");
        var seen = new List<string?>();
        harness.Client.BeforeReply = (_, _) =>
        {
            seen.Add(ItemContext.Current?.GroundTruth);
            return Task.CompletedTask;
        };

        await new NaiveLinearSearch().CreateSession(SearchHarness.Request(), harness.Services()).RunToCompletionAsync();

        Assert.Equal(["42", "42"], seen);
    }

    [Fact]
    public async Task AdvanceAsync_NoStrategyEligibleAtDepthOne_FailsAsNoEligibleStrategy()
    {
        var harness = new SearchHarness { Strategies = new StrategyRegistry([BuiltInStrategies.Initialize, BuiltInStrategies.Backtrack]) };

        var ex = await Assert.ThrowsAsync<ReasoningFailureException>(() =>
            new NaiveLinearSearch().CreateSession(SearchHarness.Request(), harness.Services()).RunToCompletionAsync().AsTask());

        Assert.Equal("no_eligible_strategy", ex.Kind);
    }

    [Fact]
    public void CreateSession_RegistryWithoutInitialStrategy_Throws()
    {
        var harness = new SearchHarness { Strategies = new StrategyRegistry([BuiltInStrategies.Correction]) };

        var ex = Assert.Throws<ArgumentException>(() => new NaiveLinearSearch().CreateSession(SearchHarness.Request(), harness.Services()));

        Assert.Contains("no initial strategy", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunToCompletionAsync_RealRun_SerializesAndRoundTrips()
    {
        var harness = new SearchHarness(c => SearchHarness.DepthOf(c) == 3 ? "42" : "41");
        var result = await new NaiveLinearSearch().CreateSession(SearchHarness.Request(), harness.Services()).RunToCompletionAsync();

        byte[] bytes = SearchTreeSerializer.SerializeToUtf8Bytes(result);
        var back = SearchTreeSerializer.Deserialize(bytes);

        Assert.Equal(bytes, SearchTreeSerializer.SerializeToUtf8Bytes(back));
        Assert.Equal(["n0", "n1", "n2", "n3"], back.AllNodes.Select(n => n.Id));
        Assert.True(back.Success);
    }

    [Theory]
    [InlineData(-1, 2, "'MaxDepth' must be between 0 and 64; was -1.")]
    [InlineData(65, 2, "'MaxDepth' must be between 0 and 64; was 65.")]
    [InlineData(3, -1, "'ParseRetries' must be between 0 and 10; was -1.")]
    public void Constructor_InvalidOptions_ThrowsNamingOptionAndValue(int maxDepth, int retries, string message)
    {
        var ex = Assert.Throws<ArgumentException>(() => new NaiveLinearSearch(new NaiveLinearSearchOptions { MaxDepth = maxDepth, ParseRetries = retries }));

        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_Defaults_AndDescribe()
    {
        var search = new NaiveLinearSearch();

        Assert.Equal((3, 2), (search.Options.MaxDepth, search.Options.ParseRetries));
        Assert.Equal("naive_linear_search", search.Name);
        Assert.Equal("""{"name":"naive_linear_search","max_depth":3,"parse_retries":2}""", search.Describe().ToJsonString());
    }

    private sealed class ThrowingVerifier : IVerifier
    {
        public string Name => "throwing";

        public ValueTask<VerificationResult> VerifyAsync(VerificationRequest request, CancellationToken cancellationToken = default) =>
            throw new NullReferenceException("bug");

        public System.Text.Json.Nodes.JsonObject Describe() => [];
    }
}
