using System.Text.Json;
using CotForge.Cli.Tests.Support;

namespace CotForge.Cli.Tests.Commands.Status;

public sealed class StatusCommandTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private Task<CliResult> RunHostileAsync() =>
        CliRunner.RunAsync(["run", RepoPaths.Sample("hostile-sample.jsonl"), "--base-dir", _temp.Path, "--sim-latency-ms", "0"]);

    [Fact]
    public async Task Status_Json_AfterARun_HasTheSpecFieldsAndCounts()
    {
        await RunHostileAsync();

        var result = await CliRunner.RunAsync(["status", "--base-dir", _temp.Path, "--json"]);

        Assert.Equal(0, result.ExitCode);
        var json = JsonDocument.Parse(result.Output).RootElement;
        Assert.Equal("hostile-sample", json.GetProperty("dataset_name").GetString());
        Assert.Equal("naive_linear_search", json.GetProperty("search_name").GetString());
        Assert.Equal(5, json.GetProperty("completed_items").GetInt64());
        long successful = json.GetProperty("successful_items").GetInt64();
        Assert.Equal(5 - successful, json.GetProperty("unverified_items").GetInt64());
        Assert.Equal(0, json.GetProperty("failed_items").GetInt64());
        Assert.Equal(5, json.GetProperty("rejected_rows").GetInt64());
        Assert.Equal(Math.Round(successful / 5.0, 4), json.GetProperty("success_rate").GetDouble());
        Assert.True(DateTimeOffset.TryParse(json.GetProperty("last_updated").GetString(), System.Globalization.CultureInfo.InvariantCulture, out _));
        Assert.Equal(DatasetFiles.Dir(_temp.Path, "hostile-sample"), json.GetProperty("directory").GetString());
        Assert.DoesNotContain("\\u002B", result.Output, StringComparison.Ordinal);
        var tokens = json.GetProperty("tokens");
        Assert.Equal(tokens.GetProperty("input").GetInt64() + tokens.GetProperty("output").GetInt64(), tokens.GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task Status_Table_ShowsEveryOutcomeAndTheDirectory()
    {
        await RunHostileAsync();

        var result = await CliRunner.RunAsync(["status", "--base-dir", _temp.Path, "--dataset", "hostile-sample", "--search", "naive"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("hostile-sample / naive_linear_search", result.Output, StringComparison.Ordinal);
        Assert.Matches(@"│ rejected rows\s+│\s+5 │", result.Output);
        Assert.Matches(@"│ failed\s+│\s+0 │", result.Output);
        Assert.Contains("success rate", result.Output, StringComparison.Ordinal);
        Assert.Contains(DatasetFiles.Dir(_temp.Path, "hostile-sample"), result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_MissingBaseDirectory_SaysHowToFixAndExits2()
    {
        var result = await CliRunner.RunAsync(["status", "--base-dir", _temp.File("nowhere")]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--base-dir", result.Output, StringComparison.Ordinal);
        Assert.Contains("does not exist", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_SeveralDatasets_ListsThemToChooseFrom()
    {
        await RunHostileAsync();
        await CliRunner.RunAsync(["run", RepoPaths.Sample("gsm8k-sample.jsonl"), "--base-dir", _temp.Path, "--sim-latency-ms", "0", "--limit", "2"]);

        var result = await CliRunner.RunAsync(["status", "--base-dir", _temp.Path]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("choose one with --dataset: gsm8k-sample, hostile-sample", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_UnknownDataset_ListsTheExistingOnes()
    {
        await RunHostileAsync();

        var result = await CliRunner.RunAsync(["status", "--base-dir", _temp.Path, "--dataset", "hostile"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--dataset 'hostile' does not exist", result.Output, StringComparison.Ordinal);
        Assert.Contains("hostile-sample", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_BadDatasetName_IsRejectedBeforeTouchingTheDisk()
    {
        var result = await CliRunner.RunAsync(["status", "--base-dir", _temp.Path, "--dataset", "../etc"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--dataset must be a plain directory name", result.Output, StringComparison.Ordinal);
    }
}
