using System.Text;
using CotForge.Core.Prompts;
using CotForge.Core.Reasoning;
using CotForge.Core.Scoring;
using CotForge.Core.Search;
using CotForge.Core.Tests.Fakes;

namespace CotForge.Core.Tests.Search;

public sealed class BeamSearchTests
{
    private static Task<SearchResult> Run(SearchHarness harness, BeamSearchOptions? options = null, int seed = 1, CancellationToken cancellationToken = default) =>
        new BeamSearch(options).CreateSession(SearchHarness.Request(seed), harness.Services()).RunToCompletionAsync(cancellationToken).AsTask();

    [Fact]
    public async Task RunToCompletionAsync_RootVerifies_StopsWithoutExpanding()
    {
        var harness = new SearchHarness(_ => "42");

        var result = await Run(harness);

        var root = Assert.Single(result.AllNodes);
        Assert.Equal((true, true), (root.IsFinal, root.Success));
        Assert.Equal([root], result.TerminalNodes);
        Assert.Empty(harness.Client.CallsOf(PromptKind.Scoring));
    }

    [Fact]
    public async Task RunToCompletionAsync_NeverVerifies_ExpandsToMaxDepthKeepingPrunedCandidates()
    {
        var harness = new SearchHarness(_ => "41");

        var result = await Run(harness);

        Assert.False(result.Success);
        Assert.Equal(16, result.AllNodes.Count);
        Assert.Equal([1, 3, 6, 6], result.AllNodes.GroupBy(n => n.Depth).Select(g => g.Count()));
        Assert.Equal([0, 1, 4, 4], result.AllNodes.GroupBy(n => n.Depth).Select(g => g.Count(n => n.Pruned)));
        Assert.Equal(2, result.TerminalNodes.Count);
        Assert.All(result.TerminalNodes, n => Assert.Equal((3, true, false, false), (n.Depth, n.IsFinal, n.Success, n.Pruned)));
        Assert.All(result.AllNodes.Where(n => n.Pruned), n => Assert.Empty(n.Children));
        Assert.All(result.AllNodes.Where(n => n.Pruned), n => Assert.False(n.IsFinal));
        Assert.Equal("max_depth_reached", result.Metadata["reason"]!.GetValue<string>());
        Assert.Equal(3, harness.Client.CallsOf(PromptKind.Scoring).Count);
        Assert.Equal(1 + 2 + 2 + 2, harness.Client.CallsOf(PromptKind.Verification).Count);
    }

    [Fact]
    public async Task RunToCompletionAsync_OneBeamVerifiesEarly_ItEndsAndTheOtherContinuesAlone()
    {
        // Depth 1: the validation candidate answers 42 (verified); the others answer 41.
        var harness = new SearchHarness(c => SearchHarness.DepthOf(c) == 1 && c.Strategy == "validation" ? "42" : "41");

        var result = await Run(harness);

        Assert.True(result.Success);
        var verified = Assert.Single(result.SuccessfulNodes);
        Assert.Equal((1, "validation", true), (verified.Depth, verified.Strategy, verified.IsFinal));
        Assert.Empty(verified.Children);
        var other = Assert.Single(result.TerminalNodes, n => !n.Success);
        Assert.Equal((3, true), (other.Depth, other.IsFinal));

        // After one beam finished, each step keeps one candidate out of three.
        Assert.Equal([1, 3, 3, 3], result.AllNodes.GroupBy(n => n.Depth).Select(g => g.Count()));
        Assert.Equal("verified", result.Metadata["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task RunToCompletionAsync_BothBeamsVerify_StopsAtThatDepth()
    {
        var harness = new SearchHarness(c => SearchHarness.DepthOf(c) == 1 ? "42" : "41");

        var result = await Run(harness);

        Assert.Equal(2, result.SuccessfulNodes.Count);
        Assert.All(result.TerminalNodes, n => Assert.Equal(1, n.Depth));
        Assert.Equal(4, result.AllNodes.Count);
        Assert.Single(result.AllNodes, n => n.Pruned);
    }

    [Fact]
    public async Task AdvanceAsync_Selection_KeepsHighestScoresAndMarksTheRestPruned()
    {
        var harness = new SearchHarness(c => c.Strategy switch { "explore_new_paths" => "7", "correction" => "8", _ => "9" });
        harness.Client.On(PromptKind.Scoring, call => Replies.Scores(
            [.. PromptReader.GetOptions(call.Prompt).Select(o => (o.Key, o.Value switch { "7" => 0.2, "8" => 0.9, _ => 0.6 }))]));
        var session = new BeamSearch().CreateSession(SearchHarness.Request(), harness.Services());

        await session.AdvanceAsync();
        await session.VerifyAsync();
        await session.AdvanceAsync();
        await session.VerifyAsync();
        await session.AdvanceAsync();
        await session.VerifyAsync();
        await session.AdvanceAsync();
        await session.VerifyAsync();

        var result = session.Result;
        var depthOne = result.AllNodes.Where(n => n.Depth == 1).ToList();
        Assert.Equal(["correction", "explore_new_paths", "validation"], depthOne.Select(n => n.Strategy).Order());
        Assert.True(depthOne.Single(n => n.Strategy == "explore_new_paths").Pruned);
        Assert.All(depthOne, n => Assert.True(n.Metadata.ContainsKey("score")));
        Assert.Equal(0.9, depthOne.Single(n => n.Strategy == "correction").Metadata["score"]!.GetValue<double>());
        Assert.All(result.AllNodes.Where(n => n.Depth == 2 && !n.Pruned), n => Assert.NotEqual("explore_new_paths", n.Parent!.Strategy));
    }

    [Fact]
    public async Task AdvanceAsync_TiedScores_KeepGenerationOrder()
    {
        var harness = new SearchHarness();
        harness.Client.On(PromptKind.Scoring, call => Replies.Scores([.. PromptReader.GetOptions(call.Prompt).Select(o => (o.Key, 0.5))]));
        var session = new BeamSearch().CreateSession(SearchHarness.Request(), harness.Services());

        await session.AdvanceAsync();
        await session.VerifyAsync();
        await session.AdvanceAsync();

        var result = await session.RunToCompletionAsync();
        Assert.Equal([false, false, true], result.AllNodes.Where(n => n.Depth == 1).Select(n => n.Pruned));
        Assert.Equal(["n1", "n2", "n3"], result.AllNodes.Where(n => n.Depth == 1).Select(n => n.Id));
    }

    [Fact]
    public async Task AdvanceAsync_Candidates_AreGeneratedConcurrently()
    {
        var harness = new SearchHarness();
        int inFlight = 0;
        int maxInFlight = 0;
        var allThree = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        harness.Client.BeforeReply = async (call, token) =>
        {
            if (call.Kind != PromptKind.StrategyStep || SearchHarness.DepthOf(call) != 1)
            {
                return;
            }

            int now = Interlocked.Increment(ref inFlight);
            InterlockedMax(ref maxInFlight, now);
            if (now == 3)
            {
                allThree.TrySetResult();
            }

            // Each candidate waits until all three are in flight: a sequential search would time out here.
            await allThree.Task.WaitAsync(TimeSpan.FromSeconds(10), token);
            Interlocked.Decrement(ref inFlight);
        };

        await Run(harness, new BeamSearchOptions { MaxDepth = 1 });

        Assert.Equal(3, maxInFlight);
    }

    [Fact]
    public async Task VerifyAsync_KeptBeams_AreVerifiedConcurrently()
    {
        var harness = new SearchHarness();
        var both = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        int verifications = 0;
        harness.Client.BeforeReply = async (call, token) =>
        {
            if (call.Kind == PromptKind.Verification && call.Index > 1)
            {
                if (Interlocked.Increment(ref verifications) == 2)
                {
                    both.TrySetResult();
                }

                await both.Task.WaitAsync(TimeSpan.FromSeconds(10), token);
            }
        };

        var result = await Run(harness, new BeamSearchOptions { MaxDepth = 1 });

        Assert.Equal(2, result.TerminalNodes.Count);
    }

    [Fact]
    public async Task RunToCompletionAsync_SameSeed_IdenticalTreesEvenWithRandomLatency()
    {
        async Task<string> RunOnce(int seed, int jitterSeed)
        {
            var harness = new SearchHarness(c => c.Strategy == "correction" && SearchHarness.DepthOf(c) == 2 ? "42" : "41");
            var jitter = new Random(jitterSeed);
            harness.Client.BeforeReply = (_, token) => Task.Delay(jitter.Next(0, 4), token);
            var result = await Run(harness, seed: seed);
            return Encoding.UTF8.GetString(SearchTreeSerializer.SerializeToUtf8Bytes(result));
        }

        Assert.Equal(await RunOnce(5, 1), await RunOnce(5, 2));
        var distinct = new HashSet<string>();
        for (int seed = 0; seed < 6; seed++)
        {
            distinct.Add(await RunOnce(seed, seed));
        }

        Assert.True(distinct.Count > 1);
    }

    [Fact]
    public async Task RunToCompletionAsync_ManySeeds_RespectsMinimumDepthsAndDistinctCandidates()
    {
        for (int seed = 0; seed < 15; seed++)
        {
            var harness = new SearchHarness();

            var result = await Run(harness, seed: seed);

            Assert.All(result.AllNodes.Where(n => n.Depth == 1), n => Assert.NotEqual("backtrack", n.Strategy));
            Assert.All(result.AllNodes.Where(n => n.Depth > 0), n => Assert.NotEqual("initialize", n.Strategy));
            foreach (var parent in result.AllNodes.Where(n => n.Children.Count > 0))
            {
                Assert.Equal(parent.Children.Count, parent.Children.Select(c => c.Strategy).Distinct().Count());
            }
        }
    }

    [Fact]
    public async Task RunToCompletionAsync_BacktrackAllowedFromDepthTwo_IsUsedThere()
    {
        var harness = new SearchHarness();

        var result = await Run(harness, new BeamSearchOptions { BranchingFactor = 4 });

        Assert.All(result.AllNodes.Where(n => n.Depth >= 2 && n.Parent!.Children.Count == 4), n => Assert.Contains(n.Parent!.Children, c => c.Strategy == "backtrack"));
        Assert.Contains(result.AllNodes, n => n.Strategy == "backtrack");
    }

    [Theory]
    [InlineData(1, 1, 3, 4)]
    [InlineData(3, 2, 2, 1 + 3 + 6 + 0)]
    [InlineData(2, 3, 1, 4)]
    public async Task RunToCompletionAsync_Shape_FollowsWidthBranchingAndDepth(int width, int branching, int depth, int nodes)
    {
        var harness = new SearchHarness();

        var result = await Run(harness, new BeamSearchOptions { BeamWidth = width, BranchingFactor = branching, MaxDepth = depth });

        Assert.Equal(nodes, result.AllNodes.Count);
        Assert.Equal(width, result.TerminalNodes.Count);
        Assert.All(result.TerminalNodes, n => Assert.Equal(depth, n.Depth));
    }

    [Fact]
    public void CreateSession_NoScorer_ThrowsSayingWhatIsMissing()
    {
        var ex = Assert.Throws<ArgumentException>(() => new BeamSearch().CreateSession(SearchHarness.Request(), new SearchHarness().Services(withScorer: false)));

        Assert.Contains("SearchServices.Scorer", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AdvanceAsync_ScorerUnparseable_FailsAtScoreStage()
    {
        var harness = new SearchHarness();
        harness.Client.On(PromptKind.Scoring, _ => "They all look fine.");

        var ex = await Assert.ThrowsAsync<ReasoningFailureException>(() => Run(harness));

        Assert.Equal(("score", "unparseable_output"), (ex.Stage, ex.Kind));
    }

    [Fact]
    public async Task AdvanceAsync_ScorerBug_FailsAsScorerError()
    {
        var harness = new SearchHarness { Scorer = new ThrowingScorer() };

        var ex = await Assert.ThrowsAsync<ReasoningFailureException>(() => Run(harness));

        Assert.Equal(("score", "scorer_error"), (ex.Stage, ex.Kind));
    }

    [Fact]
    public async Task AdvanceAsync_OneCandidateFails_ReportsItsErrorAndCancelsSiblings()
    {
        var harness = new SearchHarness();
        var siblingTokens = new System.Collections.Concurrent.ConcurrentBag<CancellationToken>();
        var siblingsWaiting = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        harness.Client.BeforeReply = async (call, token) =>
        {
            if (call.Kind != PromptKind.StrategyStep || SearchHarness.DepthOf(call) != 1)
            {
                return;
            }

            if (call.Strategy == "correction")
            {
                // Fail only once both siblings are waiting on the model, so the test sees them cancelled.
                await siblingsWaiting.Task.WaitAsync(TimeSpan.FromSeconds(10), token);
                throw new HttpRequestException("500 Internal Server Error");
            }

            siblingTokens.Add(token);
            if (siblingTokens.Count == 2)
            {
                siblingsWaiting.TrySetResult();
            }

            await Task.Delay(Timeout.Infinite, token);
        };

        var ex = await Assert.ThrowsAsync<ReasoningFailureException>(() => Run(harness));

        Assert.Equal(("search", "provider_error"), (ex.Stage, ex.Kind));
        Assert.Equal(2, siblingTokens.Count);
        Assert.All(siblingTokens, t => Assert.True(t.IsCancellationRequested));
    }

    [Fact]
    public async Task RunToCompletionAsync_Token_ReachesGenerationScoringAndVerification()
    {
        var harness = new SearchHarness();
        using var cts = new CancellationTokenSource();

        await Run(harness, cancellationToken: cts.Token);

        // Single calls (root step, root verdict, scoring) get the caller's token itself; concurrent candidates and
        // verdicts get a token linked to it, so a failing sibling can stop them (cancellation reaching them is
        // shown by RunToCompletionAsync_CancelledDuringCandidates_EveryCallSeesCancellation).
        var single = harness.Client.Calls.Where(c => c.Kind == PromptKind.Scoring || c.Index < 2).ToList();
        Assert.Equal(5, single.Count);
        Assert.All(single, c => Assert.Equal(cts.Token, c.CancellationToken));
        Assert.All(harness.Client.Calls, c => Assert.True(c.CancellationToken.CanBeCanceled));
    }

    [Fact]
    public async Task RunToCompletionAsync_CancelledDuringCandidates_EveryCallSeesCancellation()
    {
        var harness = new SearchHarness();
        using var cts = new CancellationTokenSource();
        var tokens = new System.Collections.Concurrent.ConcurrentBag<CancellationToken>();
        int started = 0;
        harness.Client.BeforeReply = async (call, token) =>
        {
            if (call.Kind == PromptKind.StrategyStep && SearchHarness.DepthOf(call) == 1)
            {
                tokens.Add(token);
                if (Interlocked.Increment(ref started) == 3)
                {
                    await cts.CancelAsync();
                }

                await Task.Delay(Timeout.Infinite, token);
            }
        };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Run(harness, cancellationToken: cts.Token));

        Assert.Equal(3, tokens.Count);
        Assert.All(tokens, t => Assert.True(t.IsCancellationRequested));
    }

    [Fact]
    public async Task RunToCompletionAsync_RealRun_SerializesWithPrunedNodesAndRoundTrips()
    {
        var harness = new SearchHarness(c => SearchHarness.DepthOf(c) == 2 && c.Strategy == "validation" ? "42" : "41");
        var result = await Run(harness);

        byte[] bytes = SearchTreeSerializer.SerializeToUtf8Bytes(result);
        var back = SearchTreeSerializer.Deserialize(bytes);

        Assert.Equal(bytes, SearchTreeSerializer.SerializeToUtf8Bytes(back));
        Assert.Equal(result.AllNodes.Count(n => n.Pruned), back.AllNodes.Count(n => n.Pruned));
        Assert.Equal(result.TerminalNodes.Select(n => n.Id).Order(), back.TerminalNodes.Select(n => n.Id).Order());
    }

    [Theory]
    [InlineData(0, 3, 3, "'BeamWidth' must be between 1 and 64; was 0.")]
    [InlineData(2, 0, 3, "'BranchingFactor' must be between 1 and 64; was 0.")]
    [InlineData(2, 3, -1, "'MaxDepth' must be between 0 and 64; was -1.")]
    public void Constructor_InvalidOptions_ThrowsNamingOptionAndValue(int width, int branching, int depth, string message)
    {
        var ex = Assert.Throws<ArgumentException>(() => new BeamSearch(new BeamSearchOptions { BeamWidth = width, BranchingFactor = branching, MaxDepth = depth }));

        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_SeveralInvalidOptions_ReportsAllInOneMessage()
    {
        var ex = Assert.Throws<ArgumentException>(() => new BeamSearch(new BeamSearchOptions { BeamWidth = 0, ParseRetries = 11 }));

        Assert.Contains("BeamWidth", ex.Message, StringComparison.Ordinal);
        Assert.Contains("ParseRetries", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_Defaults_AndDescribe()
    {
        var search = new BeamSearch();

        Assert.Equal((2, 3, 3, 2), (search.Options.BeamWidth, search.Options.BranchingFactor, search.Options.MaxDepth, search.Options.ParseRetries));
        Assert.Equal("""{"name":"beam_search","beam_width":2,"branching_factor":3,"max_depth":3,"parse_retries":2}""", search.Describe().ToJsonString());
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }

    private sealed class ThrowingScorer : IScorer
    {
        public string Name => "throwing";

        public ValueTask<IReadOnlyDictionary<string, double>> ScoreAsync(ScoringRequest request, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("bug");

        public System.Text.Json.Nodes.JsonObject Describe() => [];
    }
}
