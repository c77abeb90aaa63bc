using System.Text.Json;
using CotForge.Cli.Infrastructure;
using CotForge.Cli.Tests.Support;

namespace CotForge.Cli.Tests.Commands.Run;

public sealed class RunCommandTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private Task<CliResult> Run(params string[] args) => Run(new TestConsole(), null, args);

    private Task<CliResult> Run(TestConsole console, CliEnvironment? environment, params string[] args) =>
        CliRunner.RunAsync(["run", .. args, "--base-dir", _temp.Path, "--sim-latency-ms", "0"], console, environment);

    [Fact]
    public async Task Run_Gsm8kSample_DetectsAnswersRunsEveryRowAndSaysWhereOutputWent()
    {
        var result = await Run(RepoPaths.Sample("gsm8k-sample.jsonl"));

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("GSM8K style", result.Output, StringComparison.Ordinal);
        Assert.Contains("Provider: simulated", result.Output, StringComparison.Ordinal);
        Assert.Contains("rows read", result.Output, StringComparison.Ordinal);
        Assert.Contains("= the sum of the outcomes above", result.Output, StringComparison.Ordinal);
        string dir = DatasetFiles.Dir(_temp.Path, "gsm8k-sample");
        Assert.Contains(dir, result.Output, StringComparison.Ordinal);
        var results = DatasetFiles.Lines(Path.Combine(dir, "results.jsonl"));
        Assert.Equal(50, results.Count);
        Assert.Equal(50, results.Select(r => r.GetProperty("id").GetString()).Distinct().Count());
        Assert.Equal("18", results.Single(r => r.GetProperty("question").GetString()!.StartsWith("Janet", StringComparison.Ordinal))
            .GetProperty("ground_truth").GetString());
    }

    [Fact]
    public async Task Run_HostileSample_AccountsForRejectedAndDuplicateRows()
    {
        var result = await Run(RepoPaths.Sample("hostile-sample.jsonl"));

        Assert.Equal(0, result.ExitCode);
        string dir = DatasetFiles.Dir(_temp.Path, "hostile-sample");
        Assert.Equal(5, DatasetFiles.Lines(Path.Combine(dir, "results.jsonl")).Count);
        var rejects = DatasetFiles.Lines(Path.Combine(dir, "rejects.jsonl"));
        Assert.Equal([3L, 5L, 6L, 8L, 9L], rejects.Select(r => r.GetProperty("line").GetInt64()).Order());
        Assert.Matches(@"│ rejected\s+│\s+5 │", result.Output);
        Assert.Matches(@"│ duplicate\s+│\s+1 │ 1 repeated in the input", result.Output);
        Assert.Matches(@"│ rows read\s+│\s+11 │", result.Output);
        Assert.Contains("line 5: missing_field", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_TruthfulQaCsv_ReportsTheDetectedColumns()
    {
        var result = await Run(RepoPaths.Sample("truthfulqa-sample.csv"), "--limit", "10");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("question ← 'Question' (alias), answer ← 'Best Answer' (alias)", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("GSM8K", result.Output, StringComparison.Ordinal);
        Assert.Matches(@"│ rows read\s+│\s+10 │", result.Output);
    }

    [Fact]
    public async Task Run_InvalidOptions_ReportsEveryProblemAndExits2()
    {
        var result = await CliRunner.RunAsync(["run", "missing.jsonl", "--max-depth", "0", "--verifier", "vibes", "--sim-error-rate", "2", "--search", "dfs"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("5 problems with the options:", result.Output, StringComparison.Ordinal);
        Assert.Contains("INPUT does not exist; was 'missing.jsonl'", result.Output, StringComparison.Ordinal);
        Assert.Contains("--max-depth must be between 1 and 50; was 0. Use a value such as --max-depth 3.", result.Output, StringComparison.Ordinal);
        Assert.Contains("--verifier is not a known choice; was 'vibes'. Use one of: llm-judge, strict-llm-judge, exact, numeric.", result.Output, StringComparison.Ordinal);
        Assert.Contains("--sim-error-rate must be between 0 and 1; was 2.", result.Output, StringComparison.Ordinal);
        Assert.Contains("--search is not a known search; was 'dfs'. Use naive or beam.", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_UnsupportedExtension_SaysWhichOnesWork()
    {
        var path = _temp.Write("questions.txt", "what?");

        var result = await Run(path);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("has an unsupported extension", result.Output, StringComparison.Ordinal);
        Assert.Contains(".jsonl, .json, .csv, .tsv", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_NoUsableField_FailsBeforeRunningWithTheLoadersAdvice()
    {
        var path = _temp.Write("odd.jsonl", "{\"q\": \"1+1?\", \"a\": \"2\"}\n");

        var result = await Run(path);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--question-field", result.Output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_temp.Path, "odd")));
    }

    [Fact]
    public async Task Run_SecondTime_SkipsEverythingAlreadyDone()
    {
        await Run(RepoPaths.Sample("hostile-sample.jsonl"));

        var again = await Run(RepoPaths.Sample("hostile-sample.jsonl"));

        Assert.Equal(0, again.ExitCode);
        Assert.Matches(@"│ succeeded\s+│\s+0 │", again.Output);
        Assert.Matches(@"│ duplicate\s+│\s+6 │ 1 repeated in the input, 5 done by an earlier run", again.Output);
        Assert.Equal(5, DatasetFiles.Lines(Path.Combine(DatasetFiles.Dir(_temp.Path, "hostile-sample"), "results.jsonl")).Count);
    }

    [Fact]
    public async Task Run_Overwrite_StartsOverInsteadOfResuming()
    {
        await Run(RepoPaths.Sample("hostile-sample.jsonl"));

        var again = await Run(RepoPaths.Sample("hostile-sample.jsonl"), "--overwrite", "--max-depth", "2");

        Assert.Equal(0, again.ExitCode);
        Assert.Matches(@"│ duplicate\s+│\s+1 │ 1 repeated in the input, 0 done by an earlier run", again.Output);
        Assert.Equal(5, DatasetFiles.Lines(Path.Combine(DatasetFiles.Dir(_temp.Path, "hostile-sample"), "results.jsonl")).Count);
    }

    [Fact]
    public async Task Run_DirectoryLockedByAnotherWriter_Exits2AndNamesTheHolder()
    {
        await Run(RepoPaths.Sample("hostile-sample.jsonl"));
        using var manager = CotForge.Storage.PersistenceManager.Open(
            CotForge.Storage.DatasetLocation.Create(_temp.Path, "hostile-sample", "naive_linear_search"));
        var writer = manager.OpenWriter();
        await using (writer)
        {
            var result = await Run(RepoPaths.Sample("hostile-sample.jsonl"));

            Assert.Equal(2, result.ExitCode);
            Assert.Contains("lock", result.Output, StringComparison.OrdinalIgnoreCase);
            Assert.Contains(Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture), result.Output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Run_TokenCancelledMidRun_Exits130AfterRecordingWhatFinished()
    {
        using var cancellation = new CancellationTokenSource();
        string results = Path.Combine(DatasetFiles.Dir(_temp.Path, "gsm8k-sample"), "results.jsonl");
        var run = CliRunner.RunAsync(["run", RepoPaths.Sample("gsm8k-sample.jsonl"), "--base-dir", _temp.Path, "--sim-latency-ms", "40", "--concurrency", "2"],
            new TestConsole(), null, cancellation.Token);
        while (DatasetFiles.Lines(results).Count < 2 && !run.IsCompleted)
        {
            await Task.Delay(10);
        }

        await cancellation.CancelAsync();
        var result = await run;

        Assert.Equal(130, result.ExitCode);
        Assert.Contains("Cancelled gsm8k-sample", result.Output, StringComparison.Ordinal);
        Assert.Matches(@"│ abandoned\s+│\s+\d+ │", result.Output);
        var ids = DatasetFiles.Ids(results);
        Assert.InRange(ids.Count, 2, 49);
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public async Task Run_ChangedConfiguration_RefusesUntilAllowed()
    {
        var input = RepoPaths.Sample("hostile-sample.jsonl");
        await Run(input);

        var refused = await Run(input, "--max-depth", "5");
        var allowed = await Run(input, "--max-depth", "5", "--allow-config-change");

        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("max_depth", refused.Output, StringComparison.Ordinal);
        Assert.Equal(0, allowed.ExitCode);
    }

    [Fact]
    public async Task Run_ResumedWithOtherFaultsAndBudget_ContinuesAndRecordsThemAsOperational()
    {
        var input = RepoPaths.Sample("gsm8k-sample.jsonl");
        string configPath = Path.Combine(DatasetFiles.Dir(_temp.Path, "gsm8k-sample"), "config.json");

        var first = await Run(input, "--limit", "3", "--seed", "5", "--sim-error-rate", "0.2", "--max-input-tokens", "1000000");
        var firstConfig = JsonDocument.Parse(File.ReadAllText(configPath)).RootElement.Clone();
        var resumed = await Run(input, "--limit", "6", "--seed", "5", "--sim-error-rate", "0", "--max-input-tokens", "2000000");
        var reseeded = await Run(input, "--limit", "6", "--seed", "6");

        Assert.Equal(0, first.ExitCode);
        Assert.Equal(0.2, firstConfig.GetProperty("operational").GetProperty("simulation").GetProperty("error_rate").GetDouble());
        Assert.Equal(1000000, firstConfig.GetProperty("operational").GetProperty("budget").GetProperty("max_input_tokens").GetInt64());
        Assert.Equal(0, resumed.ExitCode);
        Assert.Contains("3 done by an earlier run", resumed.Output, StringComparison.Ordinal);
        var config = JsonDocument.Parse(File.ReadAllText(configPath)).RootElement;
        Assert.Equal(0, config.GetProperty("operational").GetProperty("simulation").GetProperty("error_rate").GetDouble());
        Assert.Equal(0, config.GetProperty("operational").GetProperty("simulation").GetProperty("latency_ms").GetDouble());
        Assert.Equal(2000000, config.GetProperty("operational").GetProperty("budget").GetProperty("max_input_tokens").GetInt64());
        Assert.Equal(firstConfig.GetProperty("created_at").GetString(), config.GetProperty("created_at").GetString());
        var simulation = config.GetProperty("llm").GetProperty("simulation");
        Assert.Equal(5, simulation.GetProperty("seed").GetInt32());
        Assert.Equal(0.5, simulation.GetProperty("base_correctness").GetDouble());
        Assert.Equal(2, reseeded.ExitCode);
        Assert.Contains("llm.simulation.seed: 5 → 6", reseeded.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_ConfigFileWithFlagOverrides_RecordsTheMergedConfiguration()
    {
        var result = await Run(RepoPaths.Sample("gsm8k-sample.jsonl"),
            "--config", RepoPaths.Sample("sample-config.json"), "--search", "naive", "--limit", "6", "--sim-error-rate", "0");

        Assert.Equal(0, result.ExitCode);
        var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(DatasetFiles.Dir(_temp.Path, "gsm8k-sample"), "config.json"))).RootElement;
        Assert.Equal("naive_linear_search", config.GetProperty("search_name").GetString());
        Assert.Equal(3, config.GetProperty("search").GetProperty("max_depth").GetInt32());
        Assert.Equal(7, config.GetProperty("seed").GetInt32());
        var llm = config.GetProperty("llm");
        Assert.Equal("sim-large", llm.GetProperty("search").GetProperty("model").GetString());
        Assert.Equal("sim-small", llm.GetProperty("verifier").GetProperty("model").GetString());
        Assert.Equal(0, llm.GetProperty("verifier").GetProperty("temperature").GetDouble());
        Assert.Equal("sim-small", llm.GetProperty("post_processing").GetProperty("model").GetString());
        Assert.Equal(6000, llm.GetProperty("post_processing").GetProperty("requests_per_minute").GetInt32());
        Assert.Matches(@"│ rows read\s+│\s+6 │", result.Output);
    }

    [Fact]
    public async Task Run_WithApiKeyInEnvironment_NeverShowsOrStoresTheKey()
    {
        const string key = "sk-test-DO-NOT-PRINT-1234567890";
        var environment = new CliEnvironment { GetVariable = name => name == "OPENAI_API_KEY" ? key : null };
        var config = _temp.Write("fast-fail.json", """{"llm": {"max_retries": 0, "timeout_seconds": 2}}""");

        var result = await Run(new TestConsole(), environment, RepoPaths.Sample("hostile-sample.jsonl"),
            "--provider", "openai", "--model", "gpt-4o-mini", "--base-url", "http://127.0.0.1:9/v1", "--config", config);

        Assert.DoesNotContain(key, result.Output, StringComparison.Ordinal);
        foreach (var file in Directory.Exists(_temp.Path) ? Directory.EnumerateFiles(_temp.Path, "*", SearchOption.AllDirectories) : [])
        {
            Assert.DoesNotContain(key, File.ReadAllText(file), StringComparison.Ordinal);
        }
    }
}
