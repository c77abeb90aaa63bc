using CotForge.TestUtilities.FakeLlm;
using Microsoft.Extensions.AI;

namespace CotForge.Llm.Tests.Accounting;

public sealed class TokenLedgerTests
{
    [Fact]
    public void Snapshot_RecordsForSeveralRolesAndModels_SumsPerEntryAndInTotal()
    {
        var ledger = new TokenLedger(new Dictionary<string, ModelPrice> { ["gpt-x"] = new(2m, 8m) });

        ledger.Record("search", "gpt-x", 1000, 100, estimated: false);
        ledger.Record("search", "gpt-x", 500, 50, estimated: false);
        ledger.Record("verifier", "small", 200, 10, estimated: true);
        ledger.RecordCacheHit("search", "gpt-x");

        var snapshot = ledger.Snapshot();
        Assert.Equal(
            [
                new TokenUsageEntry("search", "gpt-x", 2, 1500, 150, false, 1, ((1500 * 2m) + (150 * 8m)) / 1_000_000m),
                new TokenUsageEntry("verifier", "small", 1, 200, 10, true, 0, null),
            ],
            snapshot.Entries);
        Assert.Equal(1700, snapshot.TotalInputTokens);
        Assert.Equal(160, snapshot.TotalOutputTokens);
        Assert.Equal(1860, snapshot.TotalTokens);
        Assert.Equal(3, snapshot.TotalCalls);
        Assert.True(snapshot.Estimated);
        Assert.Equal(0.0042m, snapshot.TotalCost);
    }

    [Fact]
    public void Describe_AfterRecords_HasTotalsAndOneEntryPerRoleAndModel()
    {
        var ledger = new TokenLedger();
        ledger.Record("search", "m", 10, 5, estimated: false);

        var json = ledger.Describe();

        Assert.Equal(15, json["total"]!["total_tokens"]!.GetValue<long>());
        Assert.False(json["total"]!["estimated"]!.GetValue<bool>());
        Assert.Equal("search", json["by_role"]![0]!["role"]!.GetValue<string>());
        Assert.Null(json["total"]!["cost"]);
    }

    [Fact]
    public async Task Record_ManyConcurrentCalls_LosesNothing()
    {
        var ledger = new TokenLedger();

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
        {
            for (int i = 0; i < 1000; i++)
            {
                ledger.Record("search", "m", 3, 1, estimated: false);
            }
        })));

        Assert.Equal(new TokenUsageEntry("search", "m", 8000, 24000, 8000, false, 0, null), Assert.Single(ledger.Snapshot().Entries));
    }

    [Fact]
    public async Task UseTokenAccounting_ReportedUsage_IsRecordedUnderTheCallsModel()
    {
        var ledger = new TokenLedger();
        var inner = new ScriptedChatClient { Responder = (_, _) => Task.FromResult(ScriptedChatClient.Reply("ok", 120, 30)) };
        using var client = new ChatClientBuilder(inner).UseTokenAccounting(ledger, "verifier", "default-model").Build();

        await client.GetResponseAsync("hi", new ChatOptions { ModelId = "judge-model" });
        await client.GetResponseAsync("hi");

        Assert.Equal(
            [new TokenUsageEntry("verifier", "default-model", 1, 120, 30, false, 0, null), new TokenUsageEntry("verifier", "judge-model", 1, 120, 30, false, 0, null)],
            ledger.Snapshot().Entries);
    }

    [Fact]
    public async Task UseTokenAccounting_NoReportedUsage_EstimatesAndFlagsIt()
    {
        var ledger = new TokenLedger();
        var inner = new ScriptedChatClient { Responder = (_, _) => Task.FromResult(ScriptedChatClient.Reply(new string('a', 40))) };
        using var client = new ChatClientBuilder(inner).UseTokenAccounting(ledger, "search", "m").Build();

        await client.GetResponseAsync(new string('q', 400));

        var entry = Assert.Single(ledger.Snapshot().Entries);
        Assert.True(entry.Estimated);
        Assert.Equal(104, entry.InputTokens); // 400 chars / 4 + 4 tokens of message framing
        Assert.Equal(10, entry.OutputTokens);
    }

    [Fact]
    public async Task UseTokenAccounting_FailedCall_RecordsNothing()
    {
        var ledger = new TokenLedger();
        var inner = new ScriptedChatClient { Responder = (_, _) => Task.FromException<ChatResponse>(new LlmRequestException("bad", 400)) };
        using var client = new ChatClientBuilder(inner).UseTokenAccounting(ledger, "search", "m").Build();

        await Assert.ThrowsAsync<LlmRequestException>(() => client.GetResponseAsync("hi"));

        Assert.Empty(ledger.Snapshot().Entries);
    }
}
