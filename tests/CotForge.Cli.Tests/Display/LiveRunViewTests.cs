using CotForge.Cli.Display;
using CotForge.Cli.Tests.Support;

namespace CotForge.Cli.Tests.Display;

public sealed class LiveRunViewTests
{
    [Fact]
    public void Render_Snapshot_ShowsOutcomesStagesRateAndTokens()
    {
        var console = new TestConsole(interactive: true, ansi: true, width: 120);
        var stats = new ProgressStats(TimeSpan.FromSeconds(10)) { TotalRows = 100 };
        var p = Progress.At(12, succeeded: 40, unverified: 10, failed: 1, rejected: 2, duplicates: 3, rowsRead: 70, tokens: 9876);
        stats.Add(Progress.At(0));
        stats.Add(p);

        console.Write(LiveRunView.Render("gsm8k / naive_linear_search", p, stats, stopping: true));

        var text = System.Text.RegularExpressions.Regex.Replace(console.Output, @"\x1b\[[0-9;?]*[A-Za-z]", "");
        Assert.Contains("gsm8k / naive_linear_search", text, StringComparison.Ordinal);
        Assert.Contains("56.0%", text, StringComparison.Ordinal);
        Assert.Contains("70/~100 rows  00:12  4.5 items/s  ETA", text, StringComparison.Ordinal);
        Assert.Matches(@"succeeded\s+40\s+search\s+3 \(\+2 queued\)", text);
        Assert.Matches(@"unverified\s+10\s+verify\s+2", text);
        Assert.Contains("success rate 80.0%", text, StringComparison.Ordinal);
        Assert.Contains("tokens 9,876 in 12 calls", text, StringComparison.Ordinal);
        Assert.Contains("Stopping: no new rows", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_BeforeTheFirstSnapshot_SaysStarting()
    {
        var console = new TestConsole();

        console.Write(LiveRunView.Render("t", null, new ProgressStats(TimeSpan.FromSeconds(1)), stopping: false));

        Assert.Contains("starting", console.Output, StringComparison.Ordinal);
    }
}
