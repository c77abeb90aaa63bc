using System.Text.Json;
using CotForge.Core.Items;
using CotForge.Llm.Simulation;
using CotForge.TestUtilities.Prompts;
using CotForge.TestUtilities.Time;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Time.Testing;

namespace CotForge.Llm.Tests.Simulation;

public sealed class SimulatedChatClientTests
{
    private const string Question = "A farmer has 12 cows and buys 60 more. How many cows does he have now?";
    private const string Truth = "72";

    private static ItemContext Item(string question = Question, string truth = Truth) =>
        new(ItemId.Compute(question, truth), question, truth);

    private static async Task<string> AskAsync(IChatClient client, string prompt, ItemContext? item = null, ChatOptions? options = null)
    {
        using var scope = ItemContext.Enter(item ?? Item());
        var response = await client.GetResponseAsync(prompt, options);
        return response.Text;
    }

    private static List<(string Action, string? Title, string Content)> ParseCot(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.GetProperty("CoT").EnumerateArray()
            .Select(e => (e.GetProperty("action").GetString()!, e.TryGetProperty("title", out var t) ? t.GetString() : null, e.GetProperty("content").GetString()!))
            .ToList();
    }

    [Fact]
    public async Task GetResponseAsync_StrategyStep_ReturnsCotWithThinkingStepsAndOneFinalConclusion()
    {
        using var client = new SimulatedChatClient(new SimulationOptions { Seed = 1 });

        var steps = ParseCot(await AskAsync(client, SamplePrompts.StrategyStep(Question)));

        Assert.InRange(steps.Count, 3, 4);
        Assert.All(steps[..^1], s => Assert.Equal("Inner Thinking", s.Action));
        Assert.All(steps[..^1], s => Assert.False(string.IsNullOrWhiteSpace(s.Title)));
        Assert.Equal("Final Conclusion", steps[^1].Action);
        Assert.Contains("12 cows", steps[0].Content, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1.0, "72")]
    [InlineData(1.0, "Nothing happens; the seeds pass through your digestive system.")]
    public async Task GetResponseAsync_CertainCorrectness_ConcludesWithGroundTruth(double correctness, string truth)
    {
        using var client = new SimulatedChatClient(new SimulationOptions { BaseCorrectness = correctness, CorrectnessPerDepth = 0 });

        for (int i = 0; i < 20; i++)
        {
            string question = $"Question {i}?";
            var steps = ParseCot(await AskAsync(client, SamplePrompts.StrategyStep(question), Item(question, truth)));
            Assert.Equal(truth, steps[^1].Content);
        }
    }

    [Theory]
    [InlineData("72")]
    [InlineData("$1,250")]
    [InlineData("The train arrives at 14 o'clock")]
    [InlineData("Nothing happens; the seeds pass through your digestive system.")]
    public async Task GetResponseAsync_ZeroCorrectness_ConcludesWithPlausibleWrongAnswer(string truth)
    {
        using var client = new SimulatedChatClient(new SimulationOptions { BaseCorrectness = 0, CorrectnessPerDepth = 0 });

        for (int i = 0; i < 20; i++)
        {
            string question = $"Question {i}?";
            string answer = ParseCot(await AskAsync(client, SamplePrompts.StrategyStep(question), Item(question, truth)))[^1].Content;
            Assert.False(AnswerText.Matches(answer, truth, strict: false), $"'{answer}' should be wrong for '{truth}'.");
            Assert.False(string.IsNullOrWhiteSpace(answer));
            if (AnswerText.LastNumber(truth) is not null)
            {
                // Numbers stay numbers, moved by a small amount, and the surrounding text is kept.
                Assert.NotNull(AnswerText.LastNumber(answer));
                Assert.StartsWith(truth[..AnswerText.LastNumber(truth)!.Value.Index], answer, StringComparison.Ordinal);
            }
        }
    }

    [Theory]
    [InlineData(0.3, 0.0, 0, 0.3)]
    [InlineData(0.3, 0.2, 2, 0.7)]
    [InlineData(0.5, 0.3, 3, 1.0)]
    public async Task GetResponseAsync_ManyItems_CorrectnessGrowsWithDepthAsConfigured(double baseCorrectness, double perDepth, int depth, double expected)
    {
        using var client = new SimulatedChatClient(new SimulationOptions { Seed = 7, BaseCorrectness = baseCorrectness, CorrectnessPerDepth = perDepth });
        const int Items = 400;
        int correct = 0;

        for (int i = 0; i < Items; i++)
        {
            string question = $"How many apples are in basket {i}?";
            string truth = (i * 3).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var prompt = SamplePrompts.StrategyStep(question, SamplePrompts.PreviousChain(depth, "wrong"));
            if (ParseCot(await AskAsync(client, prompt, Item(question, truth)))[^1].Content == truth)
            {
                correct++;
            }
        }

        // Binomial standard deviation at n = 400 is at most 0.025; allow about three.
        Assert.InRange(correct / (double)Items, expected - 0.08, expected + 0.08);
    }

    [Theory]
    [InlineData("72", "72", false, "yes")]
    [InlineData("72.0", "72", true, "yes")]
    [InlineData("$1,250", "1250", true, "yes")]
    [InlineData("73", "72", false, "no")]
    [InlineData("The answer is 72 cows.", "72", false, "yes")]
    [InlineData("The answer is 72 cows.", "72", true, "no")]
    [InlineData("  paris. ", "Paris", true, "yes")]
    [InlineData("", "72", false, "no")]
    public async Task GetResponseAsync_Verification_ComparesNormalisedAnswers(string candidate, string truth, bool strict, string expected)
    {
        using var client = new SimulatedChatClient(new SimulationOptions());

        string reply = await AskAsync(client, SamplePrompts.Verification(Question, candidate, truth, strict));

        using var document = JsonDocument.Parse(reply);
        var verification = document.RootElement.GetProperty("verification");
        Assert.Equal(expected, verification.GetProperty("result").GetString());
        Assert.False(string.IsNullOrWhiteSpace(verification.GetProperty("explanation").GetString()));
    }

    [Fact]
    public async Task GetResponseAsync_Scoring_ScoresMatchingOptionsHighAndOthersLow()
    {
        using var client = new SimulatedChatClient(new SimulationOptions());
        string prompt = SamplePrompts.Scoring(Question, Truth, [("n1", "70"), ("n2", "72"), ("n3", "seventy"), ("n4", "$72")]);

        string reply = await AskAsync(client, prompt);

        using var document = JsonDocument.Parse(reply);
        var scoring = document.RootElement.GetProperty("scoring");
        Assert.Equal(4, scoring.EnumerateObject().Count());
        Assert.InRange(scoring.GetProperty("n2").GetDouble(), 0.8, 1.0);
        Assert.InRange(scoring.GetProperty("n4").GetDouble(), 0.8, 1.0);
        Assert.InRange(scoring.GetProperty("n1").GetDouble(), 0.0, 0.3);
        Assert.InRange(scoring.GetProperty("n3").GetDouble(), 0.0, 0.3);
    }

    [Fact]
    public async Task GetResponseAsync_NaturalReasoning_RewritesStepsIntoProseEndingWithConclusion()
    {
        using var client = new SimulatedChatClient(new SimulationOptions());
        string steps = """[{"action":"Inner Thinking","title":"Count","content":"There are 12 cows at first."},{"action":"Inner Thinking","title":"Add","content":"Adding 60 gives 72."},{"action":"Final Conclusion","content":"72"}]""";

        string reply = await AskAsync(client, SamplePrompts.NaturalReasoning(Question, steps));

        using var document = JsonDocument.Parse(reply);
        string prose = document.RootElement.GetProperty("NaturalReasoning").GetString()!;
        Assert.Contains("there are 12 cows at first.", prose, StringComparison.Ordinal);
        Assert.Contains("adding 60 gives 72.", prose, StringComparison.Ordinal);
        Assert.EndsWith("the answer is: 72", prose, StringComparison.Ordinal);
        Assert.DoesNotContain("\"action\"", prose, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""[{"action":"Inner Thinking","title":"t","content":"c"},{"action":"Final Conclusion","content":"72 cows"}]""", "The answer is 72 cows.")]
    [InlineData("Okay, let me think. Then adding 60 gives 72. So, the answer is: 72", "The answer is 72.")]
    public async Task GetResponseAsync_FormalAnswer_StatesTheReasoningsConclusionAsPlainText(string reasoning, string expected)
    {
        using var client = new SimulatedChatClient(new SimulationOptions());

        string reply = await AskAsync(client, SamplePrompts.FormalAnswer(Question, reasoning));

        Assert.Equal(expected, reply);
    }

    [Fact]
    public async Task GetResponseAsync_AnyPrompt_ReportsSimulatedModelAndEstimatedUsage()
    {
        using var client = new SimulatedChatClient(new SimulationOptions(), "tiny");
        string prompt = SamplePrompts.StrategyStep(Question);
        using var scope = ItemContext.Enter(Item());

        var response = await client.GetResponseAsync(prompt);

        Assert.Equal("simulated-tiny", response.ModelId);
        Assert.Equal(4 + ((prompt.Length + 3) / 4), response.Usage!.InputTokenCount);
        Assert.Equal((response.Text.Length + 3) / 4, response.Usage.OutputTokenCount);
        Assert.Equal(response.Usage.InputTokenCount + response.Usage.OutputTokenCount, response.Usage.TotalTokenCount);
        Assert.Equal("simulated", client.GetService<ChatClientMetadata>()!.ProviderName);
        Assert.True(client.Describe()["simulated"]!.GetValue<bool>());
    }

    [Fact]
    public async Task GetResponseAsync_SameSeedUnderConcurrency_GivesSameAnswersAsSequential()
    {
        var options = new SimulationOptions { Seed = 42, BaseCorrectness = 0.5, ErrorRate = 0.3, FaultMix = new Dictionary<SimulatedFault, double> { [SimulatedFault.MalformedJson] = 1, [SimulatedFault.EmptyReply] = 1 } };
        var prompts = Enumerable.Range(0, 60).Select(i => (Prompt: SamplePrompts.StrategyStep($"Question {i}?", SamplePrompts.PreviousChain(i % 3)), Item: Item($"Question {i}?", $"{i}"))).ToList();

        using var sequentialClient = new SimulatedChatClient(options);
        var sequential = new List<string>();
        foreach (var (prompt, item) in prompts)
        {
            sequential.Add(await AskAsync(sequentialClient, prompt, item));
        }

        using var concurrentClient = new SimulatedChatClient(options);
        var concurrent = await Task.WhenAll(prompts.AsEnumerable().Reverse().Select(p => Task.Run(() => AskAsync(concurrentClient, p.Prompt, p.Item))));
        Array.Reverse(concurrent);

        Assert.Equal(sequential, concurrent);
        using var otherSeed = new SimulatedChatClient(new SimulationOptions { Seed = 43, BaseCorrectness = 0.5 });
        var other = new List<string>();
        foreach (var (prompt, item) in prompts)
        {
            other.Add(await AskAsync(otherSeed, prompt, item));
        }

        Assert.NotEqual(sequential, other);
    }

    [Fact]
    public async Task GetResponseAsync_RepeatedPrompt_DrawsAFreshAnswerEachTime()
    {
        using var client = new SimulatedChatClient(new SimulationOptions { BaseCorrectness = 0.5 });
        string prompt = SamplePrompts.StrategyStep(Question);

        var replies = new HashSet<string>();
        for (int i = 0; i < 10; i++)
        {
            replies.Add(await AskAsync(client, prompt));
        }

        Assert.True(replies.Count > 1);
    }

    [Fact]
    public async Task GetResponseAsync_GarbledReplyThenRetry_RetryGivesTheAnswerAFaultFreeClientGives()
    {
        var garbling = new SimulationOptions { Seed = 5, ErrorRate = 0.6, FaultMix = new Dictionary<SimulatedFault, double> { [SimulatedFault.TruncatedJson] = 1 } };
        using var faulty = new SimulatedChatClient(garbling);
        using var clean = new SimulatedChatClient(new SimulationOptions { Seed = 5 });

        for (int i = 0; i < 10; i++)
        {
            string question = $"Question {i}?";
            string prompt = SamplePrompts.StrategyStep(question);
            string expected = await AskAsync(clean, prompt, Item(question, "9"));
            string reply;
            int attempts = 0;
            do
            {
                reply = await AskAsync(faulty, prompt, Item(question, "9"));
                attempts++;
            }
            while (reply != expected && attempts < 50);

            Assert.Equal(expected, reply);
        }
    }

    [Theory]
    [InlineData(SimulatedFault.RateLimited, 429)]
    [InlineData(SimulatedFault.ServerError, 500)]
    [InlineData(SimulatedFault.ServiceUnavailable, 503)]
    public async Task GetResponseAsync_HttpFault_ThrowsTransientExceptionWithStatus(SimulatedFault fault, int status)
    {
        using var client = new SimulatedChatClient(new SimulationOptions { ErrorRate = 1, RetryAfter = TimeSpan.FromSeconds(7), FaultMix = new Dictionary<SimulatedFault, double> { [fault] = 1 } });

        var error = await Assert.ThrowsAsync<LlmTransientException>(() => AskAsync(client, SamplePrompts.StrategyStep(Question)));

        Assert.Equal(status, error.StatusCode);
        Assert.Equal(status == 429 ? TimeSpan.FromSeconds(7) : null, error.RetryAfter);
        Assert.Equal(status == 429 ? LlmErrorKinds.RateLimited : LlmErrorKinds.ServerError, error.Kind);
    }

    [Fact]
    public async Task GetResponseAsync_TimeoutFault_HangsForTheDelayThenThrowsTimeout()
    {
        var time = new TestClock();
        using var client = new SimulatedChatClient(new SimulationOptions { ErrorRate = 1, TimeoutFaultDelay = TimeSpan.FromSeconds(30), FaultMix = new Dictionary<SimulatedFault, double> { [SimulatedFault.Timeout] = 1 } }, timeProvider: time);
        var start = time.GetUtcNow();

        var call = AskAsync(client, SamplePrompts.StrategyStep(Question));
        time.Advance(TimeSpan.FromSeconds(29));
        await TestClock.SettleAsync();
        Assert.False(call.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(1));

        await Assert.ThrowsAsync<LlmTimeoutException>(() => call);
        Assert.Equal(TimeSpan.FromSeconds(30), time.GetUtcNow() - start);
    }

    [Theory]
    [InlineData(SimulatedFault.MalformedJson)]
    [InlineData(SimulatedFault.TruncatedJson)]
    [InlineData(SimulatedFault.EmptyReply)]
    public async Task GetResponseAsync_GarblingFault_ReturnsTextThatIsNotValidJson(SimulatedFault fault)
    {
        using var client = new SimulatedChatClient(new SimulationOptions { ErrorRate = 1, FaultMix = new Dictionary<SimulatedFault, double> { [fault] = 1 } });

        string reply = await AskAsync(client, SamplePrompts.StrategyStep(Question));

        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(reply).Dispose());
        Assert.Equal(fault == SimulatedFault.EmptyReply, reply.Length == 0);
    }

    [Fact]
    public async Task GetResponseAsync_ErrorRate_FaultsOccurAtTheConfiguredRateAndMix()
    {
        using var client = new SimulatedChatClient(new SimulationOptions
        {
            Seed = 3,
            ErrorRate = 0.2,
            FaultMix = new Dictionary<SimulatedFault, double> { [SimulatedFault.RateLimited] = 3, [SimulatedFault.ServerError] = 1 },
        });
        const int Calls = 2000;
        int rateLimited = 0, serverErrors = 0;

        for (int i = 0; i < Calls; i++)
        {
            try
            {
                await AskAsync(client, SamplePrompts.Verification($"Q{i}", "1", "1"));
            }
            catch (LlmTransientException e) when (e.StatusCode == 429)
            {
                rateLimited++;
            }
            catch (LlmTransientException e) when (e.StatusCode == 500)
            {
                serverErrors++;
            }
        }

        Assert.InRange((rateLimited + serverErrors) / (double)Calls, 0.17, 0.23);
        Assert.InRange(rateLimited / (double)(rateLimited + serverErrors), 0.65, 0.85);
    }

    [Fact]
    public async Task GetResponseAsync_FixedLatency_CompletesExactlyAfterTheLatency()
    {
        var time = new TestClock();
        using var client = new SimulatedChatClient(new SimulationOptions { Latency = TimeSpan.FromMilliseconds(1500) }, timeProvider: time);

        var call = AskAsync(client, SamplePrompts.StrategyStep(Question));
        time.Advance(TimeSpan.FromMilliseconds(1499));
        await TestClock.SettleAsync();
        Assert.False(call.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(1));

        Assert.NotEmpty(await call);
    }

    [Fact]
    public async Task GetResponseAsync_LongTailLatency_HasMedianNearLatencyAndSomeSlowCalls()
    {
        var time = new TestClock();
        var start = time.GetUtcNow();
        using var client = new SimulatedChatClient(new SimulationOptions { Seed = 11, Latency = TimeSpan.FromSeconds(1), LongTailLatency = true, LatencySigma = 0.8 }, timeProvider: time);
        var durations = new System.Collections.Concurrent.ConcurrentBag<TimeSpan>();
        var calls = Enumerable.Range(0, 200)
            .Select(i => AskAsync(client, SamplePrompts.Verification($"Q{i}", "1", "1"))
                .ContinueWith(_ => durations.Add(time.GetUtcNow() - start), TaskContinuationOptions.ExecuteSynchronously))
            .ToList();

        await time.RunAsync(Task.WhenAll(calls), TimeSpan.FromMilliseconds(100));

        var sorted = durations.OrderBy(d => d).ToList();
        Assert.InRange(sorted[sorted.Count / 2].TotalSeconds, 0.8, 1.3);
        Assert.True(sorted.Count(d => d > TimeSpan.FromSeconds(3)) >= 2, "a long tail has some calls at three times the median");
        Assert.True(sorted.Count(d => d < TimeSpan.FromSeconds(0.5)) >= 2, "and some well below it");
    }

    [Fact]
    public async Task GetResponseAsync_CancelledDuringLatency_ThrowsOperationCanceled()
    {
        var time = new TestClock();
        using var client = new SimulatedChatClient(new SimulationOptions { Latency = TimeSpan.FromSeconds(10) }, timeProvider: time);
        using var cts = new CancellationTokenSource();

        var call = client.GetResponseAsync(SamplePrompts.StrategyStep(Question), cancellationToken: cts.Token);
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_StrategyStep_StreamsTheSameTextAsNonStreaming()
    {
        using var first = new SimulatedChatClient(new SimulationOptions { Seed = 9 });
        using var second = new SimulatedChatClient(new SimulationOptions { Seed = 9 });
        string prompt = SamplePrompts.StrategyStep(Question);
        using var scope = ItemContext.Enter(Item());

        var streamed = await second.GetStreamingResponseAsync(prompt).ToChatResponseAsync();
        var whole = await first.GetResponseAsync(prompt);

        Assert.Equal(whole.Text, streamed.Text);
    }

    [Fact]
    public void GetResponseAsync_ZeroLatency_CompletesSynchronously()
    {
        using var client = new SimulatedChatClient(new SimulationOptions());
        using var scope = ItemContext.Enter(Item());

        var call = client.GetResponseAsync(SamplePrompts.StrategyStep(Question));

        Assert.True(call.IsCompletedSuccessfully);
        Assert.NotEmpty(call.Result.Text);
    }

    [Fact]
    public void GetResponseAsync_ZeroLatencyFault_ReturnsAFaultedTaskInsteadOfThrowing()
    {
        using var client = new SimulatedChatClient(new SimulationOptions { ErrorRate = 1, FaultMix = new Dictionary<SimulatedFault, double> { [SimulatedFault.ServerError] = 1 } });

        var call = client.GetResponseAsync(SamplePrompts.StrategyStep(Question));

        Assert.True(call.IsFaulted);
        Assert.IsType<LlmTransientException>(call.Exception!.InnerException);
    }

    [Fact]
    public void GetResponseAsync_AlreadyCancelled_ReturnsACanceledTask()
    {
        using var client = new SimulatedChatClient(new SimulationOptions());

        var call = client.GetResponseAsync(SamplePrompts.StrategyStep(Question), cancellationToken: new CancellationToken(canceled: true));

        Assert.True(call.IsCanceled);
    }

    [Fact]
    public async Task GetResponseAsync_PromptsWithCharactersJsonMustEscape_RepliesStayValidJsonWithTheText()
    {
        using var client = new SimulatedChatClient(new SimulationOptions { BaseCorrectness = 1 });
        const string Awkward = "Is \"C:\\temp\" a path?\tWhat about 東京 🙂\r\nand\u0001?";
        var item = Item(Awkward, "Yes, \"quoted\"");

        var steps = ParseCot(await AskAsync(client, SamplePrompts.StrategyStep(Awkward), item));
        using var verification = JsonDocument.Parse(await AskAsync(client, SamplePrompts.Verification(Awkward, "a \"b\" \\ c", "d"), item));
        using var scoring = JsonDocument.Parse(await AskAsync(client, SamplePrompts.Scoring(Awkward, "1", [("n&1", "1"), ("n\\2", "2")]), item));

        Assert.Contains("Is \"C:\\temp\" a path?\tWhat about 東京 🙂 and\u0001?", steps[0].Content, StringComparison.Ordinal);
        Assert.Equal("Yes, \"quoted\"", steps[^1].Content);
        Assert.Contains("a \"b\" \\ c", verification.RootElement.GetProperty("verification").GetProperty("explanation").GetString(), StringComparison.Ordinal);
        Assert.InRange(scoring.RootElement.GetProperty("scoring").GetProperty("n&1").GetDouble(), 0.8, 1.0);
        Assert.InRange(scoring.RootElement.GetProperty("scoring").GetProperty("n\\2").GetDouble(), 0.0, 0.3);
    }

    [Fact]
    public async Task GetResponseAsync_SameCallsFromDifferentThreads_GiveTheSameReplies()
    {
        var options = new SimulationOptions { Seed = 4, BaseCorrectness = 0.5 };
        using var first = new SimulatedChatClient(options);
        using var second = new SimulatedChatClient(options);
        var prompts = Enumerable.Range(0, 40).Select(i => SamplePrompts.StrategyStep($"Question {i}?", SamplePrompts.PreviousChain(i % 4))).ToList();

        var here = new List<string>();
        foreach (string prompt in prompts)
        {
            here.Add(await AskAsync(first, prompt));
        }

        // Other threads have their own reply buffers; their replies must not differ or bleed into each other.
        var there = await Task.WhenAll(prompts.Select(p => Task.Run(() => AskAsync(second, p))));

        Assert.Equal(here, there);
    }

    [Fact]
    public void Constructor_InvalidOptions_ThrowsConfigurationErrorNamingTheOption()
    {
        var error = Assert.Throws<LlmConfigurationException>(() => new SimulatedChatClient(new SimulationOptions { ErrorRate = 1.5 }));

        Assert.Contains("'ErrorRate' must be between 0 and 1; was 1.5.", error.Message, StringComparison.Ordinal);
    }
}
