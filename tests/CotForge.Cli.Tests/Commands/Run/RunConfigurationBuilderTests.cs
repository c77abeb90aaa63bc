using CotForge.Cli.Commands.Run;
using CotForge.Cli.Infrastructure;
using CotForge.Cli.Tests.Support;

namespace CotForge.Cli.Tests.Commands.Run;

public sealed class RunConfigurationBuilderTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private static CliEnvironment Env(params (string Name, string Value)[] variables) =>
        new() { GetVariable = name => variables.FirstOrDefault(v => v.Name == name).Value };

    private string Input() => _temp.Write("math.jsonl", "{\"question\": \"1+1?\", \"answer\": \"2\"}\n");

    [Fact]
    public void Build_NoConfigNoFlags_AppliesDocumentedDefaults()
    {
        var config = RunConfigurationBuilder.Build(new RunSettings { Input = Input() }, Env());

        Assert.Equal("math", config.DatasetName);
        Assert.Equal("data", config.BaseDir);
        Assert.Equal("naive", config.Search);
        Assert.Equal(3, config.MaxDepth);
        Assert.Equal("llm-judge", config.Verifier);
        Assert.Equal(32, config.SearchParallelism);
        Assert.Equal(32, config.PostProcessParallelism);
        Assert.Equal(42, config.Seed);
        Assert.Equal(20, config.SimLatencyMs);
        Assert.Null(config.AnswerPattern);
        Assert.All(config.Roles.Values, r => Assert.Equal("simulated", r.Provider));
        Assert.Equal(["search", "verifier", "scorer", "post_processing"], config.Roles.Keys);
        Assert.True(config.UsesSimulation);
    }

    [Fact]
    public void Build_FlagsAndConfig_FlagsWinAndTheRestComesFromTheFile()
    {
        var file = _temp.Write("run.json", """
            {
              "search": {"algorithm": "beam", "max_depth": 5, "beam_width": 4},
              "verifier": "numeric",
              "llm": {"model": "m-file", "temperature": 0.3, "roles": {"verifier": {"model": "m-judge", "temperature": 0}}},
              "parallelism": {"concurrency": 8, "verify": 2},
              "simulation": {"latency_ms": 5},
              "seed": 9
            }
            """);
        var settings = new RunSettings
        {
            Input = Input(),
            ConfigFile = file,
            MaxDepth = 2,
            Model = "m-flag",
            Concurrency = 4,
            Seed = 1,
        };

        var config = RunConfigurationBuilder.Build(settings, Env());

        Assert.Equal("beam", config.Search);
        Assert.Equal(2, config.MaxDepth);
        Assert.Equal(4, config.BeamWidth);
        Assert.Equal("numeric", config.Verifier);
        Assert.Equal(1, config.Seed);
        Assert.Equal(5, config.SimLatencyMs);
        Assert.Equal(4, config.SearchParallelism);
        Assert.Equal(2, config.VerifyParallelism);
        Assert.Equal(4, config.PostProcessParallelism);

        // --model applies to every role, over the file's per-role model; other per-role values stay.
        Assert.All(config.Roles.Values, r => Assert.Equal("m-flag", r.Model));
        Assert.Equal(0f, config.Roles["verifier"].Temperature);
        Assert.Equal(0.3f, config.Roles["search"].Temperature);
    }

    [Fact]
    public void Build_BadValuesInConfig_ReportsEveryOneNamingKeyAndFile()
    {
        var file = _temp.Write("bad.json", """
            {"search": {"max_depth": 0, "algorithm": "dfs"}, "verifier": "vibes", "llm": {"roles": {"judge": {}}},
             "simulation": {"error_rate": 1.5}, "input": {"answer_pattern": "(unclosed"}}
            """);

        var ex = Assert.Throws<UsageException>(() => RunConfigurationBuilder.Build(new RunSettings { Input = Input(), ConfigFile = file }, Env()));

        Assert.Contains("6 problems", ex.Message, StringComparison.Ordinal);
        Assert.Contains("search.max_depth (in bad.json) must be between 1 and 50; was 0.", ex.Message, StringComparison.Ordinal);
        Assert.Contains("search.algorithm (in bad.json)", ex.Message, StringComparison.Ordinal);
        Assert.Contains("verifier (in bad.json) is not a known choice; was 'vibes'. Use one of: llm-judge", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'judge'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("simulation.error_rate (in bad.json) must be between 0 and 1; was 1.5.", ex.Message, StringComparison.Ordinal);
        Assert.Contains("input.answer_pattern (in bad.json) is not a valid regular expression", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_OpenAiWithoutKey_NamesTheVariableAndHowToSetIt()
    {
        var ex = Assert.Throws<UsageException>(() =>
            RunConfigurationBuilder.Build(new RunSettings { Input = Input(), Provider = "openai", Model = "gpt-4o-mini" }, Env()));

        Assert.Contains("OPENAI_API_KEY is not set", ex.Message, StringComparison.Ordinal);
        Assert.Contains("export OPENAI_API_KEY=", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_LocalServerWithoutKey_SaysAnyValueWillDo()
    {
        var ex = Assert.Throws<UsageException>(() => RunConfigurationBuilder.Build(
            new RunSettings { Input = Input(), Provider = "openai", Model = "llama3.1", BaseUrl = "http://localhost:11434/v1" }, Env()));

        Assert.Contains("export OPENAI_API_KEY=none", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_RoleWithItsOwnKeyVariable_ChecksThatVariable()
    {
        var file = _temp.Write("router.json", """{"llm": {"provider": "openai", "model": "m", "base_url": "https://openrouter.ai/api/v1", "api_key_variable": "OPENROUTER_API_KEY"}}""");

        var ex = Assert.Throws<UsageException>(() =>
            RunConfigurationBuilder.Build(new RunSettings { Input = Input(), ConfigFile = file }, Env(("OPENAI_API_KEY", "k"))));
        var ok = RunConfigurationBuilder.Build(new RunSettings { Input = Input(), ConfigFile = file }, Env(("OPENROUTER_API_KEY", "k")));

        Assert.Contains("OPENROUTER_API_KEY is not set", ex.Message, StringComparison.Ordinal);
        Assert.All(ok.Roles.Values, r => Assert.Equal("OPENROUTER_API_KEY", r.ApiKeyVariable));
    }

    [Fact]
    public void Build_OpenAiWithKeyInEnvironment_Succeeds()
    {
        var config = RunConfigurationBuilder.Build(
            new RunSettings { Input = Input(), Provider = "openai", Model = "gpt-4o-mini" }, Env(("OPENAI_API_KEY", "sk-test-not-real")));

        Assert.All(config.Roles.Values, r => Assert.Equal("openai", r.Provider));
        Assert.False(config.UsesSimulation);
    }

    [Fact]
    public void Build_AnthropicWithoutModel_AsksForOne()
    {
        var ex = Assert.Throws<UsageException>(() =>
            RunConfigurationBuilder.Build(new RunSettings { Input = Input(), Provider = "anthropic" }, Env(("ANTHROPIC_API_KEY", "k"))));

        Assert.Contains("needs a model name", ex.Message, StringComparison.Ordinal);
        Assert.Contains("--model", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_MaxCostWithoutPrice_AsksForThePrice()
    {
        var ex = Assert.Throws<UsageException>(() => RunConfigurationBuilder.Build(
            new RunSettings { Input = Input(), Provider = "openai", Model = "gpt-x", MaxCost = 5 }, Env(("OPENAI_API_KEY", "k"))));

        Assert.Contains("--max-cost needs the price", ex.Message, StringComparison.Ordinal);
        Assert.Contains("gpt-x", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_BeamOptionsWithNaiveSearch_AddsANoteNotAnError()
    {
        var config = RunConfigurationBuilder.Build(new RunSettings { Input = Input(), BeamWidth = 3 }, Env());

        Assert.Contains(config.Notes, n => n.Contains("--beam-width", StringComparison.Ordinal));
    }
}
