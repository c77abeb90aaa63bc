using CotForge.Cli.Tests.Support;
using CotForge.Core.Items;

namespace CotForge.Cli.Tests.Commands.Delete;

public sealed class DeleteCommandTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private string Results => Path.Combine(DatasetFiles.Dir(_temp.Path, "hostile-sample"), "results.jsonl");

    private Task<CliResult> RunHostileAsync() =>
        CliRunner.RunAsync(["run", RepoPaths.Sample("hostile-sample.jsonl"), "--base-dir", _temp.Path, "--sim-latency-ms", "0"]);

    [Fact]
    public async Task Delete_ById_RemovesTheItemAndTheNextRunRedoesOnlyIt()
    {
        await RunHostileAsync();
        string id = ItemId.Compute("What is 9 times 9?", "81");

        var result = await CliRunner.RunAsync(["delete", "--base-dir", _temp.Path, "--id", id]);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains($"Deleted item {id}", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(id, DatasetFiles.Ids(Results));
        var again = await RunHostileAsync();
        Assert.Matches(@"│ succeeded\s+│\s+1 │", again.Output);
        Assert.Equal(5, DatasetFiles.Ids(Results).Distinct().Count());
    }

    [Fact]
    public async Task Delete_ByQuestionAndAnswer_ComputesTheId()
    {
        await RunHostileAsync();

        var result = await CliRunner.RunAsync(["delete", "--base-dir", _temp.Path, "--question", "What is 100 divided by 4?", "--answer", "25"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(4, DatasetFiles.Lines(Results).Count);
    }

    [Fact]
    public async Task Delete_UnknownId_Exits2AndSaysSo()
    {
        await RunHostileAsync();

        var result = await CliRunner.RunAsync(["delete", "--base-dir", _temp.Path, "--id", new string('a', 32)]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("No completed item with id", result.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new string[] { }, "--id is required")]
    [InlineData(new[] { "--id", "XYZ" }, "is not an item id")]
    [InlineData(new[] { "--question", "q" }, "--answer is required with --question")]
    [InlineData(new[] { "--id", "0123456789abcdef0123456789abcdef", "--question", "q", "--answer", "a" }, "name the item twice")]
    public async Task Delete_BadOptions_Exits2WithTheFix(string[] options, string message)
    {
        var result = await CliRunner.RunAsync(["delete", "--base-dir", _temp.Path, .. options]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Output, StringComparison.Ordinal);
    }
}
