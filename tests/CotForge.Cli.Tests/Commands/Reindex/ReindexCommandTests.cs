using CotForge.Cli.Tests.Support;

namespace CotForge.Cli.Tests.Commands.Reindex;

public sealed class ReindexCommandTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Reindex_DeletedIndex_IsRebuiltWithTheSameCounts()
    {
        await CliRunner.RunAsync(["run", RepoPaths.Sample("hostile-sample.jsonl"), "--base-dir", _temp.Path, "--sim-latency-ms", "0"]);
        string dir = DatasetFiles.Dir(_temp.Path, "hostile-sample");
        foreach (var file in Directory.EnumerateFiles(dir, "index.sqlite*"))
        {
            File.Delete(file);
        }

        var result = await CliRunner.RunAsync(["reindex", "--base-dir", _temp.Path]);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Rebuilt the index", result.Output, StringComparison.Ordinal);
        Assert.Matches(@"│ rejected rows\s+│\s+5 │", result.Output);
        Assert.True(File.Exists(Path.Combine(dir, "index.sqlite")));
    }
}
