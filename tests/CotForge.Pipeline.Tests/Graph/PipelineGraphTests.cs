using CotForge.Core.Items;
using CotForge.Core.Reasoning;
using CotForge.Core.Search;
using CotForge.Core.Verification;
using CotForge.Pipeline.Items;
using CotForge.Pipeline.Tests.Fakes;

namespace CotForge.Pipeline.Tests.Graph;

public sealed class PipelineGraphTests
{
    private static readonly string[] AllStages = ["search", "verify", "score", "post_process"];

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task RunAsync_CleanInput_EveryRowHasOneOutcomeAndResultsAreUnique(bool beam)
    {
        var store = new InMemoryItemStore();
        ISearchAlgorithm algorithm = beam ? new BeamSearch() : new NaiveLinearSearch();
        PipelineGraph graph = GraphHarness.Create(store, algorithm);

        GraphResult result = await graph.RunGuardedAsync(GraphHarness.Rows(200));

        Assert.Equal(StopReason.Completed, result.StopReason);
        Assert.Equal(200, result.RowsRead);
        Assert.Equal(0, result.Failed);
        Assert.Equal(200, result.Succeeded + result.Unverified);
        Assert.Equal(200, store.Completed.Count);
        Assert.Equal(200, store.Completed.Select(c => c.Id).Distinct().Count());
        Assert.True(result.Succeeded > 0);
        Assert.All(store.Completed.Where(c => c.Success), c => Assert.NotEmpty(c.ChainOfThoughtResponses));
        Assert.Equal(result.Succeeded + result.Unverified, result.StepsHistogram.Values.Sum());
        // Each tree is serialized into a pooled array that persist returns after the append: what the store kept
        // must still be that item's own tree, not a later item's bytes in a reused array.
        Assert.All(store.Completed, c => Assert.Equal(c.Question, SearchTreeSerializer.Deserialize(c.ResultJson.ToArray()).Question));
    }

    [Theory]
    [InlineData(false, 1)]
    [InlineData(true, 1)]
    [InlineData(false, 4096)]
    [InlineData(true, 4096)]
    public async Task RunAsync_ParallelismAndCapacitiesAtTheExtremes_NoDeadlockAndAllRowsAccounted(bool beam, int size)
    {
        var store = new InMemoryItemStore();
        var options = new PipelineOptions
        {
            MaxItemsInFlight = size,
            SearchParallelism = size,
            VerifyParallelism = size,
            PostProcessParallelism = size,
            SearchCapacity = size,
            VerifyCapacity = size,
            PostProcessCapacity = size,
            PersistCapacity = size,
            DedupeBatchSize = size == 1 ? 1 : 512,
        };
        ISearchAlgorithm algorithm = beam ? new BeamSearch() : new NaiveLinearSearch();
        PipelineGraph graph = GraphHarness.Create(store, algorithm, options: options);

        GraphResult result = await graph.RunGuardedAsync(GraphHarness.Rows(60));

        Assert.Equal(60, result.Succeeded + result.Unverified + result.Failed);
        Assert.Equal(60, store.Completed.Count + store.Errors.Count);
    }

    [Fact]
    public async Task RunAsync_CapacityOneWithLongLoops_NoDeadlock()
    {
        // Every item loops search → verify → search five times: the back edge is what keeps this from blocking.
        var store = new InMemoryItemStore();
        var algorithm = new ScriptedSearch(_ => new ScriptedSearch.Script(Advances: 5));
        var options = new PipelineOptions { MaxItemsInFlight = 3, SearchParallelism = 1, VerifyParallelism = 1, PostProcessParallelism = 1, SearchCapacity = 1, VerifyCapacity = 1, PostProcessCapacity = 1, PersistCapacity = 1, DedupeBatchSize = 2 };
        PipelineGraph graph = GraphHarness.Create(store, algorithm, options: options, postProcess: false);

        GraphResult result = await graph.RunGuardedAsync(GraphHarness.Rows(100));

        Assert.Equal(100, result.Succeeded);
        Assert.Equal(100, result.StepsHistogram[5]);
    }

    [Fact]
    public async Task RunAsync_AdvanceWithoutVerification_LoopsBackToSearch()
    {
        var store = new InMemoryItemStore();
        var calls = new List<string>();
        var algorithm = new ScriptedSearch(_ => new ScriptedSearch.Script(Advances: 3, Verify: false, OnCall: c => { lock (calls) { calls.Add(c); } }));
        PipelineGraph graph = GraphHarness.Create(store, algorithm, postProcess: false);

        GraphResult result = await graph.RunGuardedAsync(GraphHarness.Rows(10));

        Assert.Equal(10, result.Succeeded);
        Assert.Equal(30, calls.Count(c => c == "advance"));
        Assert.DoesNotContain("verify", calls);
    }

    [Fact]
    public async Task RunAsync_ExceptionsOfEveryKindInEveryStage_BecomeErrorOutcomesAndTheRunGoesOn()
    {
        var store = new InMemoryItemStore();
        var algorithm = new ScriptedSearch(r => (int.Parse(r.GroundTruth, System.Globalization.CultureInfo.InvariantCulture) / 2 % 4) switch
        {
            0 => new ScriptedSearch.Script(),
            1 => new ScriptedSearch.Script(ThrowOnAdvance: 0),
            2 => new ScriptedSearch.Script(ThrowOnVerify: 0, Error: () => new ReasoningFailureException("verify", "verifier_unavailable", "judge gave no verdict", 3)),
            _ => new ScriptedSearch.Script(Advances: 2, ThrowOnAdvance: 1, Error: () => new NullReferenceException("bug")),
        });
        PipelineGraph graph = GraphHarness.Create(store, algorithm, postProcess: false);

        GraphResult result = await graph.RunGuardedAsync(GraphHarness.Rows(40));

        Assert.Equal(10, result.Succeeded);
        Assert.Equal(30, result.Failed);
        Assert.Equal(30, store.Errors.Count);
        Assert.Equal(10, store.Errors.Count(e => e is { Stage: "verify", Kind: "verifier_unavailable", Attempts: 3 }));
        Assert.Equal(20, store.Errors.Count(e => e is { Stage: "search", Kind: FailureClassifier.UnexpectedKind }));
        Assert.Contains(store.Errors, e => e.Message.Contains("NullReferenceException: bug", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_InjectedFaultsOnTwentyPercentOfCalls_EveryRowAccountedFor()
    {
        var store = new InMemoryItemStore();
        PipelineGraph graph = GraphHarness.Create(store, client: GraphHarness.Simulated(seed: 3, errorRate: 0.2));

        GraphResult result = await graph.RunGuardedAsync(GraphHarness.Rows(300));

        Assert.Equal(300, result.Succeeded + result.Unverified + result.Failed);
        Assert.True(result.Failed > 0, "20% faults without retry middleware must fail some items");
        Assert.True(result.Succeeded > 0);
        Assert.Equal(result.Failed, store.Errors.Count);
        Assert.All(store.Errors, e => Assert.Contains(e.Stage, AllStages));
        Assert.Empty(store.Completed.Select(c => c.Id).Intersect(store.Errors.Select(e => e.Id)));
    }

    [Fact]
    public async Task RunAsync_HostileInput_RejectsDuplicatesAndItemsAddUpToRowsRead()
    {
        var store = new InMemoryItemStore();
        var lookup = new InMemoryLookup([ItemId.Compute("done before", "1")]);
        string[] questions = ["q1", "q1", "", "q2", "done before", "   ", "q3", "q2"];
        string[] answers = ["a", "a", "x", "b", "1", "y", "", "b"];
        PipelineGraph graph = GraphHarness.Create(store, lookup: lookup);

        GraphResult result = await graph.RunGuardedAsync(GraphHarness.Rows(questions, answers));

        Assert.Equal(8, result.RowsRead);
        Assert.Equal(3, result.Rejected);
        Assert.Equal(2, result.InputDuplicates);
        Assert.Equal(1, result.AlreadyProcessed);
        Assert.Equal(2, result.Succeeded + result.Unverified + result.Failed);
        Assert.Equal(0, result.Abandoned);
        Assert.Equal([3L, 6, 7], store.Rejects.Select(r => r.Line).Order());
        Assert.All(store.Rejects, r => Assert.StartsWith("blank_field", r.Reason, StringComparison.Ordinal));
        Assert.Equal(["q1", "q2"], store.Completed.Select(c => c.Question).Concat(store.Errors.Select(e => e.Id)).Order());
    }

    [Fact]
    public async Task RunAsync_SmallInput_DedupeLookupsAreBatched()
    {
        var store = new InMemoryItemStore();
        var lookup = new InMemoryLookup([]);
        PipelineGraph graph = GraphHarness.Create(store, lookup: lookup, options: new PipelineOptions { DedupeBatchSize = 64 });

        await graph.RunGuardedAsync(GraphHarness.Rows(130));

        Assert.Equal(130, lookup.BatchSizes.Sum());
        Assert.True(lookup.Queries <= 130 / 64 + 2, $"expected batched lookups, got {lookup.Queries}");
    }

    [Fact]
    public async Task RunAsync_CallsRunInsideTheItemsContext()
    {
        var store = new InMemoryItemStore();
        var mismatches = 0;
        ScriptedSearch algorithm = null!;
        algorithm = new ScriptedSearch(r => new ScriptedSearch.Script(Advances: 2, OnCall: _ =>
        {
            if (ItemContext.Current is not { } context || context.Question != r.Question || context.GroundTruth != r.GroundTruth || context.Id != ItemId.Compute(r.Question, r.GroundTruth))
            {
                Interlocked.Increment(ref mismatches);
            }
        }));
        PipelineGraph graph = GraphHarness.Create(store, algorithm, postProcess: false);

        GraphResult result = await graph.RunGuardedAsync(GraphHarness.Rows(50));

        Assert.Equal(50, result.Succeeded);
        Assert.Equal(0, mismatches);
    }

    [Fact]
    public async Task RunAsync_SameSeedDifferentParallelism_SameSeedsAndSameOutcomes()
    {
        var seeds1 = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();
        var seeds2 = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();
        var first = new InMemoryItemStore();
        var second = new InMemoryItemStore();

        await GraphHarness.Create(first, new ScriptedSearch(r => { seeds1[r.Question] = r.Seed; return new ScriptedSearch.Script(); }), options: new PipelineOptions { Seed = 42, SearchParallelism = 1 }, postProcess: false)
            .RunGuardedAsync(GraphHarness.Rows(50));
        await GraphHarness.Create(second, new ScriptedSearch(r => { seeds2[r.Question] = r.Seed; return new ScriptedSearch.Script(); }), options: new PipelineOptions { Seed = 42, SearchParallelism = 64 }, postProcess: false)
            .RunGuardedAsync(GraphHarness.Rows(50));

        Assert.Equal(seeds1.OrderBy(p => p.Key), seeds2.OrderBy(p => p.Key));
        Assert.True(seeds1.Values.Distinct().Count() > 45, "per-item seeds should differ between items");
    }

    [Fact]
    public async Task RunAsync_BudgetExceeded_IntakeStopsInFlightFailAndCountsAddUp()
    {
        var store = new InMemoryItemStore();
        var client = new GatedChatClient(GraphHarness.Simulated(), allowedCalls: 40, hang: false);
        PipelineGraph graph = GraphHarness.Create(store, client: client, options: new PipelineOptions { MaxItemsInFlight = 8, DedupeBatchSize = 8 });

        GraphResult result = await graph.RunGuardedAsync(GraphHarness.Rows(2000));

        Assert.Equal(StopReason.BudgetReached, result.StopReason);
        Assert.Contains("budget", result.BudgetMessage!, StringComparison.OrdinalIgnoreCase);
        Assert.True(result.RowsRead < 2000, "intake must stop once the budget is spent");
        Assert.True(result.Failed > 0);
        Assert.All(store.Errors, e => Assert.Equal(FailureClassifier.BudgetExceededKind, e.Kind));
        Assert.Equal(result.RowsRead, result.Succeeded + result.Unverified + result.Failed + result.Abandoned);
    }

    [Fact]
    public async Task RunAsync_CancelledWithoutGrace_TokenReachesTheModelCallsAndInFlightItemsAreAbandoned()
    {
        var store = new InMemoryItemStore();
        var client = new GatedChatClient(GraphHarness.Simulated(), allowedCalls: 30, hang: true);
        using var cts = new CancellationTokenSource();
        PipelineGraph graph = GraphHarness.Create(store, client: client, options: new PipelineOptions { MaxItemsInFlight = 16, CancellationGracePeriod = TimeSpan.Zero });

        Task<GraphResult> run = graph.RunAsync(GraphHarness.Rows(500), null, cts.Token);
        while (client.Calls <= 40 && !run.IsCompleted)
        {
            await Task.Delay(5);
        }

        await cts.CancelAsync();
        GraphResult result = await run.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(StopReason.Cancelled, result.StopReason);
        Assert.True(client.CancelledCalls > 0);
        Assert.True(result.Abandoned > 0);
        Assert.Empty(store.Errors);
        Assert.Equal(result.RowsRead, result.Succeeded + result.Unverified + result.Abandoned);
    }

    [Fact]
    public async Task RunAsync_CancelledMidRunThenResumed_EveryItemCompletedExactlyOnce()
    {
        var first = new InMemoryItemStore();
        using var cts = new CancellationTokenSource();
        first.OnCompleted = n =>
        {
            if (n == 150)
            {
                cts.Cancel();
            }
        };
        // Small batches keep the read-ahead small, so the cancel lands well before the end of the input.
        var options = new PipelineOptions { MaxItemsInFlight = 32, CancellationGracePeriod = TimeSpan.Zero, DedupeBatchSize = 16 };
        GraphResult cancelled = await GraphHarness.Create(first, options: options).RunGuardedAsync(GraphHarness.Rows(2000), cts.Token);

        var lookup = new InMemoryLookup(first.Completed.Select(c => c.Id));
        var second = new InMemoryItemStore();
        GraphResult resumed = await GraphHarness.Create(second, options: options, lookup: lookup).RunGuardedAsync(GraphHarness.Rows(2000));

        Assert.Equal(StopReason.Cancelled, cancelled.StopReason);
        Assert.True(cancelled.RowsRead < 2000);
        Assert.Equal(cancelled.RowsRead, cancelled.Succeeded + cancelled.Unverified + cancelled.Failed + cancelled.Abandoned);
        Assert.Equal(StopReason.Completed, resumed.StopReason);
        Assert.Equal(first.Completed.Count, resumed.AlreadyProcessed);
        string[] all = [.. first.Completed.Select(c => c.Id), .. second.Completed.Select(c => c.Id)];
        Assert.Equal(2000, all.Length);
        Assert.Equal(2000, all.Distinct().Count());
    }

    [Fact]
    public async Task RunAsync_StoreFails_RunThrowsInsteadOfHanging()
    {
        var store = new InMemoryItemStore { FailWith = new IOException("disk full") };
        PipelineGraph graph = GraphHarness.Create(store);

        var ex = await Assert.ThrowsAsync<IOException>(() => graph.RunGuardedAsync(GraphHarness.Rows(2000)));

        Assert.Equal("disk full", ex.Message);
    }

    [Fact]
    public async Task RunAsync_ExactMatchVerifierWithoutPostProcessing_StoresEmptyChains()
    {
        var store = new InMemoryItemStore();
        PipelineGraph graph = GraphHarness.Create(store, verifier: new ExactMatchVerifier(), postProcess: false);

        GraphResult result = await graph.RunGuardedAsync(GraphHarness.Rows(30));

        Assert.Equal(30, result.Succeeded + result.Unverified);
        Assert.All(store.Completed, c => Assert.Empty(c.ChainOfThoughtResponses));
        Assert.All(store.Completed, c => Assert.True(c.ResultJson.Length > 0));
    }

    [Fact]
    public async Task RunAsync_DedupeBatchLargerThanTheAdmissionSlots_ItemsStartAsSlotsFreeAndNeverExceedThem()
    {
        // A batch of 64 new items against 4 slots: each item must reach search as soon as it is admitted (if a batch
        // were handed on only once all of it was admitted, the fifth admission would wait forever), and no more than
        // 4 items may be in flight, so no more than 4 model calls run at once.
        var store = new InMemoryItemStore();
        var client = new ConcurrencyCountingChatClient(GraphHarness.Simulated(latency: TimeSpan.FromMilliseconds(2)));
        var options = new PipelineOptions { MaxItemsInFlight = 4, DedupeBatchSize = 64 };
        PipelineGraph graph = GraphHarness.Create(store, client: client, options: options);

        GraphResult result = await graph.RunGuardedAsync(GraphHarness.Rows(200));

        Assert.Equal(200, result.Succeeded + result.Unverified);
        Assert.Equal(4, client.Peak);
    }
}
