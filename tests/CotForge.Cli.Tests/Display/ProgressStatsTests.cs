using CotForge.Cli.Display;
using CotForge.Cli.Tests.Support;

namespace CotForge.Cli.Tests.Display;

public sealed class ProgressStatsTests
{
    [Fact]
    public void Add_SteadyRate_GivesEtaForTheRemainingRows()
    {
        var stats = new ProgressStats(TimeSpan.FromSeconds(10)) { TotalRows = 100 };

        stats.Add(Progress.At(0));
        stats.Add(Progress.At(2, succeeded: 10, rejected: 5, duplicates: 5));

        Assert.Equal(10, stats.RowsDonePerSecond, 3);
        Assert.Equal(TimeSpan.FromSeconds(8), stats.Eta);
    }

    [Fact]
    public void Add_OldSamples_AreDroppedSoTheRateFollowsTheCurrentSpeed()
    {
        var stats = new ProgressStats(TimeSpan.FromSeconds(10)) { TotalRows = 1000 };

        stats.Add(Progress.At(0));
        stats.Add(Progress.At(1, duplicates: 500)); // a resume skipping done rows flies at first
        stats.Add(Progress.At(20, duplicates: 500, succeeded: 20));
        stats.Add(Progress.At(30, duplicates: 500, succeeded: 40));

        Assert.Equal(2, stats.RowsDonePerSecond, 3);
        Assert.Equal(TimeSpan.FromSeconds(230), stats.Eta);
    }

    [Fact]
    public void Add_UnknownTotal_HasNoEta()
    {
        var stats = new ProgressStats(TimeSpan.FromSeconds(10));

        stats.Add(Progress.At(0));
        stats.Add(Progress.At(1, succeeded: 3));

        Assert.Null(stats.Eta);
    }

    [Fact]
    public void SuccessRate_IsSucceededOverCompleted()
    {
        Assert.Null(ProgressStats.SuccessRate(Progress.At(1, failed: 3)));
        Assert.Equal(0.75, ProgressStats.SuccessRate(Progress.At(1, succeeded: 3, unverified: 1, failed: 9)));
    }
}
