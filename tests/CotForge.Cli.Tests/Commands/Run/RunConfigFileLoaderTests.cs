using CotForge.Cli.Commands.Run.Config;
using CotForge.Cli.Infrastructure;
using CotForge.Cli.Tests.Support;

namespace CotForge.Cli.Tests.Commands.Run;

public sealed class RunConfigFileLoaderTests
{
    [Fact]
    public void Load_SampleConfig_ReadsEverySection()
    {
        var config = RunConfigFileLoader.Load(RepoPaths.Sample("sample-config.json"));

        Assert.Equal("gsm8k", config.Input!.AnswerPattern);
        Assert.Equal("beam", config.Search!.Algorithm);
        Assert.Equal(3, config.Search.MaxDepth);
        Assert.Equal(2, config.Search.BeamWidth);
        Assert.Equal("llm-judge", config.Verifier);
        Assert.Equal("simulated", config.Llm!.Provider);
        Assert.Equal("sim-large", config.Llm.Model);
        Assert.Equal("sim-small", config.Llm.Roles!["verifier"].Model);
        Assert.Equal(0f, config.Llm.Roles["verifier"].Temperature);
        Assert.Equal(6000, config.Llm.Roles["post_processing"].RequestsPerMinute);
        Assert.Equal(16, config.Parallelism!.Concurrency);
        Assert.Equal(8, config.Parallelism.PostProcess);
        Assert.Equal(2_000_000, config.Budget!.MaxOutputTokens);
        Assert.Equal(0.05, config.Simulation!.ErrorRate);
        Assert.True(config.Simulation.LongTailLatency);
        Assert.Equal(7, config.Seed);
    }

    [Fact]
    public void Parse_UnknownKey_NamesTheKeyAndTheFile()
    {
        var ex = Assert.Throws<UsageException>(() => RunConfigFileLoader.Parse("{\"search\": {\"max_dpeth\": 3}}", "run.json"));

        Assert.Contains("run.json", ex.Message, StringComparison.Ordinal);
        Assert.Contains("max_dpeth", ex.Message, StringComparison.Ordinal);
        Assert.Contains("does not know", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_WrongType_NamesTheKeyAndLine()
    {
        var ex = Assert.Throws<UsageException>(() => RunConfigFileLoader.Parse("{\n  \"search\": {\n    \"max_depth\": \"three\"\n  }\n}", "run.json"));

        Assert.Contains("search.max_depth", ex.Message, StringComparison.Ordinal);
        Assert.Contains("line 3", ex.Message, StringComparison.Ordinal);
        Assert.Contains("wrong type", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_BrokenJson_SaysSoWithTheLine()
    {
        var ex = Assert.Throws<UsageException>(() => RunConfigFileLoader.Parse("{\n \"seed\": 1,\n \"verifier\" \"exact\"\n}", "run.json"));

        Assert.Contains("not valid JSON", ex.Message, StringComparison.Ordinal);
        Assert.Contains("line 3", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NullDocument_IsAUsageError()
    {
        var ex = Assert.Throws<UsageException>(() => RunConfigFileLoader.Parse("null", "run.json"));

        Assert.Contains("empty", ex.Message, StringComparison.Ordinal);
    }
}
