using CotForge.TestUtilities.FakeLlm;
using Microsoft.Extensions.AI;

namespace CotForge.Llm.Tests.Budgets;

public sealed class BudgetTrackerTests
{
    [Fact]
    public async Task UseBudget_InputBudgetSpent_RefusesFurtherCallsBeforeSending()
    {
        using var tracker = new BudgetTracker(new LlmBudget { MaxInputTokens = 250 });
        var inner = new ScriptedChatClient { Responder = (_, _) => Task.FromResult(ScriptedChatClient.Reply("ok", 100, 10)) };
        using var client = new ChatClientBuilder(inner).UseBudget(tracker, "m").Build();

        for (int i = 0; i < 3; i++)
        {
            await client.GetResponseAsync("hi");
        }

        var error = await Assert.ThrowsAsync<BudgetExceededException>(() => client.GetResponseAsync("hi"));

        Assert.Equal(3, inner.CallCount);
        Assert.Equal("max_input_tokens", error.LimitName);
        Assert.Equal(250, error.Limit);
        Assert.Equal(300, error.Spent);
        Assert.Equal(LlmErrorKinds.BudgetExceeded, error.Kind);
        Assert.Contains("max_input_tokens is 250 and 300 has been used", error.Message, StringComparison.Ordinal);
        Assert.True(tracker.IsExhausted);
        Assert.True(tracker.ExhaustedToken.IsCancellationRequested);
    }

    [Fact]
    public async Task UseBudget_CallsInFlightWhenBudgetRunsOut_AllComplete()
    {
        using var tracker = new BudgetTracker(new LlmBudget { MaxOutputTokens = 10 });
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var inner = new ScriptedChatClient
        {
            Responder = async (_, _) =>
            {
                await release.Task;
                return ScriptedChatClient.Reply("ok", 5, 10);
            },
        };
        using var client = new ChatClientBuilder(inner).UseBudget(tracker, "m").Build();

        var inFlight = Enumerable.Range(0, 4).Select(_ => client.GetResponseAsync("hi")).ToList();
        release.SetResult();
        var responses = await Task.WhenAll(inFlight);

        Assert.All(responses, r => Assert.Equal("ok", r.Text));
        Assert.Equal(40, tracker.OutputTokens);
        await Assert.ThrowsAsync<BudgetExceededException>(() => client.GetResponseAsync("hi"));
        Assert.Equal(4, inner.CallCount);
    }

    [Fact]
    public void Charge_CostBudgetWithPrices_ExhaustsAtTheCap()
    {
        using var tracker = new BudgetTracker(new LlmBudget { MaxCost = 0.01m }, new Dictionary<string, ModelPrice> { ["GPT-X"] = new(1m, 4m) });

        tracker.Charge("gpt-x", 2000, 1000); // 0.002 + 0.004
        Assert.False(tracker.IsExhausted);
        tracker.ThrowIfExhausted();
        tracker.Charge("unpriced", 1_000_000, 1_000_000);
        Assert.False(tracker.IsExhausted);
        tracker.Charge("gpt-x", 2000, 1000);

        var error = Assert.Throws<BudgetExceededException>(tracker.ThrowIfExhausted);
        Assert.Equal("max_cost", error.LimitName);
        Assert.Equal(0.012m, tracker.Cost);
        Assert.True(tracker.Describe()["exhausted"]!.GetValue<bool>());
    }

    [Fact]
    public void Charge_TotalTokenBudget_CountsInputAndOutput()
    {
        using var tracker = new BudgetTracker(new LlmBudget { MaxTotalTokens = 100 });

        tracker.Charge("m", 60, 39);
        tracker.ThrowIfExhausted();
        tracker.Charge("m", 0, 1);

        Assert.Equal("max_total_tokens", Assert.Throws<BudgetExceededException>(tracker.ThrowIfExhausted).LimitName);
    }

    [Theory]
    [InlineData(0L, null, "'MaxInputTokens' must be at least 1 when set; was 0.")]
    [InlineData(null, -1.0, "'MaxCost' must be above 0 when set; was -1.")]
    public void Constructor_InvalidBudget_ThrowsNamingTheLimit(long? maxInput, double? maxCost, string expected)
    {
        var budget = new LlmBudget { MaxInputTokens = maxInput, MaxCost = (decimal?)maxCost };

        var error = Assert.Throws<LlmConfigurationException>(() => new BudgetTracker(budget));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
