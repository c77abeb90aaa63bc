using System.Text.Json;
using CotForge.Core.Items;
using CotForge.Llm.Simulation;
using CotForge.TestUtilities.Prompts;
using CotForge.TestUtilities.Time;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Time.Testing;

namespace CotForge.Llm.Tests;

public sealed class LlmClientFactoryTests
{
    private readonly TestClock _time = new();

    private static ItemContext Item(int i) => new(ItemId.Compute($"Q{i}?", $"{i}"), $"Q{i}?", $"{i}");

    private static async Task<ChatResponse> AskAsync(IChatClient client, int item, ChatOptions? options = null)
    {
        using var scope = ItemContext.Enter(Item(item));
        return await client.GetResponseAsync(SamplePrompts.StrategyStep($"Q{item}?"), options);
    }

    [Fact]
    public async Task Create_Simulated_AnswersThroughTheStackAndAccountsPerRole()
    {
        using var factory = new LlmClientFactory(new LlmRuntimeOptions { TimeProvider = _time });
        using var search = factory.Create(LlmRoles.Search, new LlmRoleSettings { Model = "sim-large" });
        using var verifier = factory.Create(LlmRoles.Verifier, new LlmRoleSettings());

        var response = await AskAsync(search, 1);
        await verifier.GetResponseAsync(SamplePrompts.Verification("q", "1", "1"));

        Assert.Equal("simulated-sim-large", response.ModelId);
        using var document = JsonDocument.Parse(response.Text);
        Assert.Equal(JsonValueKind.Array, document.RootElement.GetProperty("CoT").ValueKind);
        var entries = factory.Ledger.Snapshot().Entries;
        Assert.Equal(["search/sim-large", "verifier/default"], entries.Select(e => $"{e.Role}/{e.Model}"));
        Assert.All(entries, e => Assert.False(e.Estimated));
        Assert.Equal(response.Usage!.InputTokenCount, entries[0].InputTokens);
    }

    [Fact]
    public async Task Create_SimulatedWithTransientFaults_RetriesUntilEveryCallSucceeds()
    {
        var options = new LlmRuntimeOptions
        {
            TimeProvider = _time,
            Simulation = new SimulationOptions
            {
                Seed = 2,
                ErrorRate = 0.3,
                RetryAfter = TimeSpan.FromMilliseconds(500),
                FaultMix = new Dictionary<SimulatedFault, double> { [SimulatedFault.RateLimited] = 1, [SimulatedFault.ServiceUnavailable] = 1, [SimulatedFault.Timeout] = 1 },
                TimeoutFaultDelay = TimeSpan.FromSeconds(1),
            },
            CircuitBreaker = new LlmCircuitBreakerOptions { Enabled = false },
        };
        using var factory = new LlmClientFactory(options);
        using var client = factory.Create(LlmRoles.Search, new LlmRoleSettings { MaxRetries = 10, RetryBaseDelay = TimeSpan.FromMilliseconds(100) });

        var responses = await _time.RunAsync(Task.WhenAll(Enumerable.Range(0, 40).Select(i => AskAsync(client, i))), TimeSpan.FromMilliseconds(100));

        Assert.Equal(40, responses.Length);
        Assert.Equal(40, factory.Ledger.Snapshot().TotalCalls);
        using var clean = new LlmClientFactory(new LlmRuntimeOptions { Simulation = new SimulationOptions { Seed = 2 } });
        using var cleanClient = clean.Create(LlmRoles.Search, new LlmRoleSettings());
        for (int i = 0; i < 40; i++)
        {
            // Faults never change what the simulated model concludes.
            Assert.Equal((await AskAsync(cleanClient, i)).Text, responses[i].Text);
        }
    }

    [Fact]
    public void Create_RolesOnOneEndpoint_ShareItsLimitsAndBreaker()
    {
        using var factory = new LlmClientFactory(new LlmRuntimeOptions { TimeProvider = _time });
        var search = new LlmRoleSettings { RequestsPerMinute = 60, MaxConcurrency = 4 };
        var verifier = new LlmRoleSettings { TokensPerMinute = 10_000 };
        factory.Create(LlmRoles.Search, search).Dispose();
        factory.Create(LlmRoles.Verifier, verifier).Dispose();

        var endpoint = factory.GetEndpoint(search);

        Assert.Same(endpoint, factory.GetEndpoint(verifier));
        Assert.Equal(60, endpoint.RateLimiter!.RequestsPerWindow);
        Assert.Equal(10_000, endpoint.RateLimiter.TokensPerWindow);
        Assert.Equal(4, endpoint.Concurrency!.MaxLimit);
    }

    [Fact]
    public void Create_RolesOnOneEndpointWithDifferentLimits_ThrowsNamingBothRoles()
    {
        using var factory = new LlmClientFactory(new LlmRuntimeOptions());
        factory.Create(LlmRoles.Search, new LlmRoleSettings { RequestsPerMinute = 60 }).Dispose();

        var error = Assert.Throws<LlmConfigurationException>(() => factory.Create(LlmRoles.Verifier, new LlmRoleSettings { RequestsPerMinute = 30 }));

        Assert.Contains("'search' and 'verifier'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'RequestsPerMinute' to 60 and 30", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_WithTotalTokenBudget_StopsCallsOnceSpent()
    {
        using var factory = new LlmClientFactory(new LlmRuntimeOptions { Budget = new LlmBudget { MaxTotalTokens = 1000 } });
        using var client = factory.Create(LlmRoles.Search, new LlmRoleSettings());

        int succeeded = 0;
        var error = await Assert.ThrowsAsync<BudgetExceededException>(async () =>
        {
            for (int i = 0; i < 100; i++)
            {
                await AskAsync(client, i);
                succeeded++;
            }
        });

        Assert.InRange(succeeded, 2, 10);
        Assert.True(factory.Budget!.IsExhausted);
        Assert.Equal(succeeded, factory.Ledger.Snapshot().TotalCalls);
        Assert.Equal("max_total_tokens", error.LimitName);
    }

    [Fact]
    public async Task Create_WithCache_HitSpendsNoBudgetOrTokens()
    {
        string directory = Directory.CreateTempSubdirectory("cotforge-factory-").FullName;
        try
        {
            using var factory = new LlmClientFactory(new LlmRuntimeOptions { CachePath = Path.Combine(directory, "cache.db"), Budget = new LlmBudget { MaxInputTokens = 1_000_000 } });
            using var client = factory.Create(LlmRoles.Search, new LlmRoleSettings());

            var first = await AskAsync(client, 1);
            long spent = factory.Budget!.InputTokens;
            var second = await AskAsync(client, 1);

            Assert.Equal(first.Text, second.Text);
            Assert.Equal(spent, factory.Budget.InputTokens);
            var entry = Assert.Single(factory.Ledger.Snapshot().Entries);
            Assert.Equal((1, 1), (entry.Calls, entry.CacheHits));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task Create_CallWithoutOptions_UsesTheRolesModel()
    {
        using var factory = new LlmClientFactory(new LlmRuntimeOptions());
        using var client = factory.Create(LlmRoles.Scorer, new LlmRoleSettings { Model = "judge", Temperature = 0.3f });

        var response = await client.GetResponseAsync(SamplePrompts.Scoring("q", "1", [("a", "1")]));

        Assert.Equal("simulated-judge", response.ModelId);
    }

    [Fact]
    public void Describe_AfterCreatingRoles_ListsRolesAndMarksSimulation()
    {
        using var factory = new LlmClientFactory(new LlmRuntimeOptions { Simulation = new SimulationOptions { Seed = 9 } });
        factory.Create(LlmRoles.Search, new LlmRoleSettings { Model = "m" }).Dispose();

        var json = factory.Describe();

        Assert.Equal("simulated", json["roles"]!["search"]!["provider"]!.GetValue<string>());
        Assert.True(json["roles"]!["search"]!["simulated"]!.GetValue<bool>());
        Assert.True(json["simulation"]!["simulated"]!.GetValue<bool>());
        Assert.Equal(9, json["simulation"]!["seed"]!.GetValue<int>());
    }

    [Fact]
    public void DescribeOperational_SplitsPacingAndLimitsFromWhatDecidesReplies()
    {
        using var factory = new LlmClientFactory(new LlmRuntimeOptions
        {
            Simulation = new SimulationOptions { Seed = 9, Latency = TimeSpan.FromMilliseconds(25), ErrorRate = 0.1, BaseCorrectness = 0.7 },
            Budget = new LlmBudget { MaxCost = 2.5m },
            Prices = new Dictionary<string, ModelPrice> { ["m"] = new(1.5m, 6m) },
            CachePath = "/secret/place/cache.sqlite",
        });

        var operational = factory.DescribeOperational(simulated: true);
        var remote = factory.DescribeOperational(simulated: false);
        var outcome = factory.DescribeSimulation();

        Assert.Equal(25, operational["simulation"]!["latency_ms"]!.GetValue<double>());
        Assert.Equal(0.1, operational["simulation"]!["error_rate"]!.GetValue<double>());
        Assert.Null(operational["simulation"]!["seed"]);
        Assert.Equal(2.5m, operational["budget"]!["max_cost"]!.GetValue<decimal>());
        Assert.Equal(6m, operational["prices"]!["m"]!["output_per_million_tokens"]!.GetValue<decimal>());
        Assert.True(operational["cache"]!.GetValue<bool>());
        Assert.DoesNotContain("secret", operational.ToJsonString(), StringComparison.Ordinal);
        Assert.Null(remote["simulation"]);
        Assert.Equal((9, 0.7), (outcome["seed"]!.GetValue<int>(), outcome["base_correctness"]!.GetValue<double>()));
        Assert.Null(outcome["latency_ms"]);
    }

    [Theory]
    [InlineData("bogus", "m", "'Provider' must be one of simulated, openai, anthropic; was 'bogus'.")]
    [InlineData("openai", null, "'Model' is required for provider 'openai'")]
    public void Create_InvalidSettings_ThrowsConfigurationErrorNamingTheSetting(string provider, string? model, string expected)
    {
        using var factory = new LlmClientFactory(new LlmRuntimeOptions());

        var error = Assert.Throws<LlmConfigurationException>(() => factory.Create(LlmRoles.Search, new LlmRoleSettings { Provider = provider, Model = model }));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Contains("role 'search'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_CostBudgetWithoutPriceForRealModel_ThrowsNamingTheModel()
    {
        using var factory = new LlmClientFactory(new LlmRuntimeOptions { Budget = new LlmBudget { MaxCost = 5m }, GetEnvironmentVariable = _ => "k" });

        var error = Assert.Throws<LlmConfigurationException>(() => factory.Create(LlmRoles.Search, new LlmRoleSettings { Provider = "openai", Model = "gpt-x" }));

        Assert.Contains("model 'gpt-x' (role 'search') has no price", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_NewLimitsForAnEndpointAfterItsFirstCall_ThrowsBecauseTheyCanNoLongerApply()
    {
        using var factory = new LlmClientFactory(new LlmRuntimeOptions());
        using var search = factory.Create(LlmRoles.Search, new LlmRoleSettings());
        await search.GetResponseAsync(SamplePrompts.Verification("q", "1", "1"));

        using var sameLimits = factory.Create(LlmRoles.Verifier, new LlmRoleSettings());
        var error = Assert.Throws<LlmConfigurationException>(() => factory.Create(LlmRoles.Scorer, new LlmRoleSettings { TokensPerMinute = 100 }));

        Assert.Contains("after calls to it have started", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_StreamingCall_GoesThroughTheStack()
    {
        using var factory = new LlmClientFactory(new LlmRuntimeOptions());
        using var client = factory.Create(LlmRoles.PostProcessing, new LlmRoleSettings());

        var response = await client.GetStreamingResponseAsync(SamplePrompts.FormalAnswer("q", "So, the answer is: 9")).ToChatResponseAsync();

        Assert.Equal("The answer is 9.", response.Text);
        Assert.Equal(1, factory.Ledger.Snapshot().TotalCalls);
    }

    [Fact]
    public void Create_EndpointsWithoutExplicitConcurrency_LimitRemoteButNotSimulated()
    {
        using var factory = new LlmClientFactory(new LlmRuntimeOptions { GetEnvironmentVariable = _ => "key" });
        var simulated = new LlmRoleSettings();
        var remote = new LlmRoleSettings { Provider = LlmProviders.OpenAI, Model = "m", BaseUrl = "http://127.0.0.1:9/v1" };
        factory.Create(LlmRoles.Search, simulated).Dispose();
        factory.Create(LlmRoles.Verifier, remote).Dispose();

        Assert.Null(factory.GetEndpoint(simulated).Concurrency);
        Assert.Equal(LlmRoleSettings.DefaultMaxConcurrency, factory.GetEndpoint(remote).Concurrency!.MaxLimit);
        Assert.NotSame(factory.GetEndpoint(simulated), factory.GetEndpoint(remote));
    }
}
