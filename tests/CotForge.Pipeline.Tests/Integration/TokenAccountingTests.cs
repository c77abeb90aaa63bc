using System.Text.Json.Nodes;
using CotForge.Llm;
using CotForge.Llm.Simulation;

namespace CotForge.Pipeline.Tests.Integration;

/// <summary>A run through <see cref="CotForgePipelineBuilder.WithLlm"/> accounts its tokens per role and model everywhere it reports them.</summary>
public sealed class TokenAccountingTests
{
    [Fact]
    public async Task BuildBatchAsync_WithLlmPerRoleModels_TokensPerRoleInSummaryMetadataAndStatus()
    {
        using var dir = new TempDirectory();
        using var llm = new LlmClientFactory(new LlmRuntimeOptions { Simulation = new SimulationOptions { Seed = 3 } });
        CotForgePipeline pipeline = IntegrationRun.Builder(dir.Path)
            .WithLlm(
                llm,
                new LlmRoleSettings { Model = "searcher", Temperature = 0.7f, MaxOutputTokens = 900 },
                verifier: new LlmRoleSettings { Model = "judge" },
                postProcessing: new LlmRoleSettings { Model = "writer" })
            .Build();
        var (questions, answers) = IntegrationRun.Pairs(40);

        RunSummary summary = await pipeline.BuildBatchAsync(questions, answers);

        Assert.Equal(StopReason.Completed, summary.StopReason);
        Assert.True(summary.CountsAddUp);
        Assert.Equal(40, summary.Succeeded + summary.Unverified);
        Assert.True(summary.Succeeded > 0, "post-processing only runs for verified items, so some must verify");

        // The ledger: one entry per role actually used, under that role's model, with real (reported) usage.
        TokenUsageSnapshot ledger = llm.Ledger.Snapshot();
        Assert.Equal(["post_processing/writer", "search/searcher", "verifier/judge"], ledger.Entries.Select(e => $"{e.Role}/{e.Model}"));
        Assert.All(ledger.Entries, e =>
        {
            Assert.True(e.Calls > 0, $"{e.Role}: calls");
            Assert.True(e.InputTokens > 0, $"{e.Role}: input tokens");
            Assert.True(e.OutputTokens > 0, $"{e.Role}: output tokens");
            Assert.False(e.Estimated, $"{e.Role}: the simulated provider reports usage, so nothing should be estimated");
        });
        // Naive search asks the search model once per step and the judge once per step: at least one of each per item.
        Assert.True(ledger.Entries.Single(e => e.Role == LlmRoles.Search).Calls >= 40);
        Assert.True(ledger.Entries.Single(e => e.Role == LlmRoles.Verifier).Calls >= 40);
        // Two post-processing calls (rewrite + formal answer) per verified item.
        Assert.Equal(2 * summary.Succeeded, ledger.Entries.Single(e => e.Role == LlmRoles.PostProcessing).Calls);

        // The summary carries the same numbers.
        Assert.NotNull(summary.Tokens);
        Assert.Equal(ledger.Entries, summary.Tokens!.Entries);

        // metadata.json → cotforge.run_info.tokens, and status reads it back.
        JsonObject metadata = IntegrationRun.ReadJson(pipeline, "metadata.json");
        JsonObject tokens = metadata["cotforge"]!["run_info"]!["tokens"]!.AsObject();
        Assert.Equal(ledger.TotalInputTokens, (long)tokens["total"]!["input_tokens"]!);
        Assert.Equal(ledger.TotalOutputTokens, (long)tokens["total"]!["output_tokens"]!);
        Assert.Equal(ledger.TotalCalls, (long)tokens["total"]!["calls"]!);
        JsonArray byRole = tokens["by_role"]!.AsArray();
        foreach (TokenUsageEntry entry in ledger.Entries)
        {
            JsonNode stored = byRole.Single(n => (string)n!["role"]! == entry.Role)!;
            Assert.Equal(entry.Model, (string)stored["model"]!);
            Assert.Equal(entry.Calls, (long)stored["calls"]!);
            Assert.Equal(entry.InputTokens, (long)stored["input_tokens"]!);
            Assert.Equal(entry.OutputTokens, (long)stored["output_tokens"]!);
        }

        Assert.Equal(tokens.ToJsonString(), IntegrationRun.Status(pipeline).RunInfo!["tokens"]!.ToJsonString());

        // config.json: each role's settings as given, the simulated provider marked, never a key field.
        JsonObject config = IntegrationRun.ReadJson(pipeline, "config.json");
        JsonObject roles = config["llm"]!.AsObject();
        Assert.Equal("searcher", (string)roles["search"]!["model"]!);
        Assert.Equal(0.7, (double)roles["search"]!["temperature"]!, 3);
        Assert.Equal(900, (int)roles["search"]!["max_output_tokens"]!);
        Assert.Equal("judge", (string)roles["verifier"]!["model"]!);
        Assert.Equal("writer", (string)roles["post_processing"]!["model"]!);
        Assert.Equal("searcher", (string)roles["scorer"]!["model"]!);
        Assert.All(roles.Select(r => r.Value!.AsObject()), r => Assert.True((bool)r["simulated"]!));
        Assert.DoesNotContain("api_key\"", config.ToJsonString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task BuildBatchAsync_RoleModel_RecordedInEveryNodesMetadata()
    {
        // The factory fills the role's model into every call; node metadata
        // records the model that answered, so a reader of results.jsonl can tell which model wrote each step.
        using var dir = new TempDirectory();
        using var llm = new LlmClientFactory(new LlmRuntimeOptions { Simulation = new SimulationOptions { Seed = 3 } });
        CotForgePipeline pipeline = IntegrationRun.Builder(dir.Path)
            .WithLlm(llm, new LlmRoleSettings { Model = "searcher" }, verifier: new LlmRoleSettings { Model = "judge" })
            .Build();
        var (questions, answers) = IntegrationRun.Pairs(5);

        await pipeline.BuildBatchAsync(questions, answers);

        var models = IntegrationRun.Lines(pipeline, "results.jsonl")
            .SelectMany(l => l["result"]!["node_map"]!.AsObject().Select(n => (string?)n.Value!["metadata"]?["model"]))
            .ToList();
        Assert.NotEmpty(models);
        Assert.All(models, m => Assert.Equal("simulated-searcher", m));
    }
}
