using CotForge.Cli.Tests.Support;

namespace CotForge.Cli.Tests.Commands.Reset;

public sealed class ResetCommandTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private string Results => Path.Combine(DatasetFiles.Dir(_temp.Path, "hostile-sample"), "results.jsonl");

    private async Task RunHostileAsync()
    {
        var run = await CliRunner.RunAsync(["run", RepoPaths.Sample("hostile-sample.jsonl"), "--base-dir", _temp.Path, "--sim-latency-ms", "0"]);
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(5, DatasetFiles.Lines(Results).Count);
    }

    [Fact]
    public async Task Reset_NotInteractiveWithoutYes_RefusesAndKeepsEverything()
    {
        await RunHostileAsync();

        var result = await CliRunner.RunAsync(["reset", "--base-dir", _temp.Path]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Pass --yes to confirm", result.Output, StringComparison.Ordinal);
        Assert.Equal(5, DatasetFiles.Lines(Results).Count);
    }

    [Fact]
    public async Task Reset_WithYes_DeletesAndTheNextRunStartsOver()
    {
        await RunHostileAsync();

        var result = await CliRunner.RunAsync(["reset", "--base-dir", _temp.Path, "--yes"]);
        var status = await CliRunner.RunAsync(["status", "--base-dir", _temp.Path, "--json"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Deleted 5 completed items", result.Output, StringComparison.Ordinal);
        Assert.Empty(DatasetFiles.Lines(Results));
        Assert.Contains("\"completed_items\": 0", status.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reset_InteractiveAnswerNo_KeepsEverything()
    {
        await RunHostileAsync();
        var console = new TestConsole(interactive: true);
        console.PushLine("n");

        var result = await CliRunner.RunAsync(["reset", "--base-dir", _temp.Path], console);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Delete 5 completed items", result.Output, StringComparison.Ordinal);
        Assert.Contains("Nothing deleted.", result.Output, StringComparison.Ordinal);
        Assert.Equal(5, DatasetFiles.Lines(Results).Count);
    }

    [Fact]
    public async Task Reset_InteractiveAnswerYes_Deletes()
    {
        await RunHostileAsync();
        var console = new TestConsole(interactive: true);
        console.PushLine("y");

        var result = await CliRunner.RunAsync(["reset", "--base-dir", _temp.Path], console);

        Assert.Equal(0, result.ExitCode);
        Assert.Empty(DatasetFiles.Lines(Results));
    }
}
