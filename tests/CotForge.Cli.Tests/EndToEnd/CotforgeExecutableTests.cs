using CotForge.Cli.Tests.Support;

namespace CotForge.Cli.Tests.EndToEnd;

/// <summary>
/// The real executable as a user starts it: a child process with redirected output (so plain progress lines, no
/// live display), signals delivered by <c>kill</c>.
/// </summary>
[Collection(nameof(EndToEndCollection))]
public sealed class CotforgeExecutableTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private string Results(string dataset) => Path.Combine(DatasetFiles.Dir(_temp.Path, dataset), "results.jsonl");

    [Fact]
    public async Task Run_Gsm8kSample_FinishesWithPlainLinesAndASummary()
    {
        using var process = CotforgeProcess.Start(RepoPaths.Root, null,
            "run", "data-samples/gsm8k-sample.jsonl", "--provider", "simulated", "--base-dir", _temp.Path);

        int exit = await process.WaitForExitAsync(Timeout);

        Assert.True(exit == 0, $"exit {exit}\n{process.StandardOutput}\n{process.StandardError}");
        string output = process.StandardOutput;
        Assert.Contains("Provider: simulated", output, StringComparison.Ordinal);
        Assert.Matches(@"\[\d\d:\d\d\] rows 50/~50 \| succeeded \d+ unverified \d+ failed 0", output);
        Assert.Matches(@"│ rows read\s+│\s+50 │ = the sum of the outcomes above", output);
        Assert.DoesNotContain("\u001b[", output, StringComparison.Ordinal);
        var ids = DatasetFiles.Ids(Results("gsm8k-sample"));
        Assert.Equal(50, ids.Count);
        Assert.Equal(50, ids.Distinct().Count());
    }

    [Fact]
    public async Task Run_InterruptedBySigint_Exits130ThenResumeFinishesEveryItemExactlyOnce()
    {
        string[] args = ["run", "data-samples/gsm8k-sample.jsonl", "--base-dir", _temp.Path, "--sim-latency-ms", "60", "--concurrency", "4"];
        using (var first = CotforgeProcess.Start(RepoPaths.Root, null, args))
        {
            await WaitUntilAsync(() => DatasetFiles.Lines(Results("gsm8k-sample")).Count >= 3, first);
            first.Interrupt();
            int exit = await first.WaitForExitAsync(Timeout);

            Assert.True(exit == 130, $"exit {exit}\n{first.StandardOutput}\n{first.StandardError}");
            Assert.Contains("Cancelled", first.StandardOutput, StringComparison.Ordinal);
            Assert.Contains("Resume: run the same command again", first.StandardOutput, StringComparison.Ordinal);
        }

        int committed = DatasetFiles.Lines(Results("gsm8k-sample")).Count;
        Assert.InRange(committed, 3, 49);

        using var resume = CotforgeProcess.Start(RepoPaths.Root, null, [.. args[..^4], "--sim-latency-ms", "0"]);
        int resumed = await resume.WaitForExitAsync(Timeout);

        Assert.True(resumed == 0, $"exit {resumed}\n{resume.StandardOutput}\n{resume.StandardError}");
        Assert.Matches($@"│ duplicate\s+│\s+{committed} │ 0 repeated in the input, {committed} done by an earlier run", resume.StandardOutput);
        var ids = DatasetFiles.Ids(Results("gsm8k-sample"));
        Assert.Equal(50, ids.Count);
        Assert.Equal(50, ids.Distinct().Count());
    }

    [Fact]
    public async Task Run_Sigterm_StopsCleanlyWith130AndReleasesTheDirectory()
    {
        using (var process = CotforgeProcess.Start(RepoPaths.Root, null,
            "run", "data-samples/hostile-sample.jsonl", "--base-dir", _temp.Path, "--sim-latency-ms", "300", "--concurrency", "1"))
        {
            await WaitUntilAsync(() => DatasetFiles.Lines(Results("hostile-sample")).Count >= 1, process);
            process.Terminate();
            int exit = await process.WaitForExitAsync(Timeout);

            Assert.True(exit == 130, $"exit {exit}\n{process.StandardOutput}\n{process.StandardError}");
        }

        // The lock is released: an immediate maintenance command that needs the writer's lock succeeds.
        using var reset = CotforgeProcess.Start(RepoPaths.Root, null, "reset", "--base-dir", _temp.Path, "--yes");
        Assert.Equal(0, await reset.WaitForExitAsync(Timeout));
        Assert.Empty(DatasetFiles.Lines(Results("hostile-sample")));
    }

    [Fact]
    public async Task Status_Json_FromTheExecutable_IsOneJsonObject()
    {
        using (var run = CotforgeProcess.Start(RepoPaths.Root, null, "run", "data-samples/hostile-sample.jsonl", "--base-dir", _temp.Path, "--sim-latency-ms", "0"))
        {
            Assert.Equal(0, await run.WaitForExitAsync(Timeout));
        }

        using var status = CotforgeProcess.Start(RepoPaths.Root, null, "status", "--base-dir", _temp.Path, "--json");
        Assert.Equal(0, await status.WaitForExitAsync(Timeout));

        var json = System.Text.Json.JsonDocument.Parse(status.StandardOutput).RootElement;
        Assert.Equal(5, json.GetProperty("completed_items").GetInt64());
        Assert.Equal(5, json.GetProperty("rejected_rows").GetInt64());
    }

    [Fact]
    public async Task Status_MissingDirectory_ErrorGoesToStandardErrorWithExit2()
    {
        using var status = CotforgeProcess.Start(RepoPaths.Root, null, "status", "--base-dir", _temp.File("nowhere"), "--json");

        Assert.Equal(2, await status.WaitForExitAsync(Timeout));
        Assert.Equal("", status.StandardOutput);
        Assert.Contains("--base-dir", status.StandardError, StringComparison.Ordinal);
        Assert.Contains("does not exist", status.StandardError, StringComparison.Ordinal);
    }

    private static async Task WaitUntilAsync(Func<bool> condition, CotforgeProcess process)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Condition not met.\n{process.StandardOutput}\n{process.StandardError}");
            }

            await Task.Delay(20);
        }
    }
}

/// <summary>The child-process tests run one at a time: the machine has two cores shared by several engineers.</summary>
[CollectionDefinition(nameof(EndToEndCollection), DisableParallelization = true)]
public sealed class EndToEndCollection;
