using CotForge.Cli.Display;
using CotForge.Cli.Tests.Support;

namespace CotForge.Cli.Tests.Display;

public sealed class ProgressLineTests
{
    [Fact]
    public void Format_RunningSnapshot_HasCountsStagesRateEtaSuccessAndTokens()
    {
        var stats = new ProgressStats(TimeSpan.FromSeconds(10)) { TotalRows = 5000 };
        stats.Add(Progress.At(0));
        var p = Progress.At(42, succeeded: 800, unverified: 200, failed: 3, rejected: 5, duplicates: 10, rowsRead: 1234, tokens: 1_234_567);
        stats.Add(p);

        var line = ProgressLine.Format(p, stats);

        Assert.StartsWith("[00:42] rows 1,234/~5,000 | succeeded 800 unverified 200 failed 3 rejected 5 duplicate 10 | in flight 7 (search 5 verify 2 post 1 persist 1) | 4.5 items/s | ETA ", line, StringComparison.Ordinal);
        Assert.EndsWith(" | success 80.0% | tokens 1,234,567", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Format_FinalSnapshot_ShowsTheAverageRateAndNoEta()
    {
        var stats = new ProgressStats(TimeSpan.FromSeconds(10)) { TotalRows = 10 };
        stats.Add(Progress.At(0));
        var p = Progress.At(2, succeeded: 10, rowsRead: 10, final: true);
        stats.Add(p);

        var line = ProgressLine.Format(p, stats);

        Assert.Contains("| 4.0 items/s", line, StringComparison.Ordinal);
        Assert.DoesNotContain("ETA", line, StringComparison.Ordinal);
        Assert.DoesNotContain("tokens", line, StringComparison.Ordinal);
    }
}
