using CotForge.Cli.Tests.Support;

namespace CotForge.Cli.Tests.Commands;

public sealed class HelpTests
{
    [Theory]
    [InlineData("run", "--sim-error-rate")]
    [InlineData("status", "--json")]
    [InlineData("export", "--include-unverified")]
    [InlineData("reindex", "--base-dir")]
    [InlineData("reset", "--yes")]
    [InlineData("delete", "--id")]
    public async Task Help_EachVerb_ShowsItsOptionsAndExamples(string verb, string option)
    {
        var result = await CliRunner.RunAsync([verb, "--help"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("USAGE:", result.Output, StringComparison.Ordinal);
        Assert.Contains("EXAMPLES:", result.Output, StringComparison.Ordinal);
        Assert.Contains("cotforge " + verb, result.Output, StringComparison.Ordinal);
        Assert.Contains(option, result.Output, StringComparison.Ordinal);
        Assert.Contains("--dataset", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_NoArguments_ListsEveryVerb()
    {
        var result = await CliRunner.RunAsync([]);

        Assert.Equal(0, result.ExitCode);
        foreach (var verb in new[] { "run", "status", "export", "reindex", "reset", "delete" })
        {
            Assert.Contains(verb, result.Output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Help_Run_ListsEveryOptionOfTheSpec()
    {
        var result = await CliRunner.RunAsync(["run", "--help"]);

        foreach (var option in new[] { "<INPUT>", "--base-dir", "--dataset", "--search", "--max-depth", "--beam-width", "--branching-factor",
            "--verifier", "--provider", "--model", "--base-url", "--config", "--question-field", "--answer-field", "--answer-pattern",
            "--limit", "--overwrite", "--allow-config-change", "--retry-unverified", "--concurrency", "--search-parallelism",
            "--verify-parallelism", "--post-process-parallelism", "--seed", "--max-input-tokens", "--max-output-tokens", "--max-cost",
            "--sim-latency-ms", "--sim-error-rate" })
        {
            Assert.Contains(option, result.Output, StringComparison.Ordinal);
        }

        Assert.Contains("cotforge run data-samples/gsm8k-sample.jsonl --provider simulated", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Parse_UnknownOption_ExitsWithUsageCode()
    {
        var result = await CliRunner.RunAsync(["status", "--jsn"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--jsn", result.Output, StringComparison.Ordinal);
        Assert.Contains("--help", result.Output, StringComparison.Ordinal);
    }
}
