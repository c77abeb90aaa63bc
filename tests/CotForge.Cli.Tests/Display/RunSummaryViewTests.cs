using CotForge.Cli.Display;
using CotForge.Cli.Tests.Support;
using CotForge.Pipeline;
using CotForge.Pipeline.Load;

namespace CotForge.Cli.Tests.Display;

public sealed class RunSummaryViewTests
{
    private static RunSummary Summary(StopReason stop, long succeeded = 5, long failed = 0, long abandoned = 0, long rowsRead = 12) => new()
    {
        DirectoryPath = "/data/ds/beam_search",
        DatasetName = "ds",
        SearchName = "beam_search",
        StopReason = stop,
        RowsRead = rowsRead,
        Succeeded = succeeded,
        Unverified = 2,
        Failed = failed,
        Rejected = 3,
        InputDuplicates = 1,
        AlreadyProcessed = 1,
        Abandoned = abandoned,
        Elapsed = TimeSpan.FromSeconds(4),
        StepsHistogram = new Dictionary<int, long>(),
    };

    private static string Render(RunSummary summary, IReadOnlyCollection<RowRejectedArgs>? rejects = null,
        IReadOnlyCollection<CotForge.Cli.Commands.Run.RecentErrors.Entry>? errors = null)
    {
        var console = new TestConsole();
        console.Write(RunSummaryView.Render(summary, rejects, errors));
        return console.Output;
    }

    [Fact]
    public void Render_Completed_AccountsForEveryRowAndSuggestsExport()
    {
        var text = Render(Summary(StopReason.Completed));

        Assert.Contains("Finished ds / beam_search", text, StringComparison.Ordinal);
        Assert.Matches(@"│ duplicate\s+│\s+2 │ 1 repeated in the input, 1 done by an earlier run", text);
        Assert.Matches(@"│ rows read\s+│\s+12 │ = the sum of the outcomes above", text);
        Assert.Contains("Output: /data/ds/beam_search", text, StringComparison.Ordinal);
        Assert.Contains("cotforge export --dataset ds --search beam --format sharegpt", text, StringComparison.Ordinal);
        Assert.DoesNotContain("abandoned", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Cancelled_ShowsAbandonedRowsAndHowToResume()
    {
        var text = Render(Summary(StopReason.Cancelled, succeeded: 1, abandoned: 4));

        Assert.Contains("Cancelled ds / beam_search", text, StringComparison.Ordinal);
        Assert.Matches(@"│ abandoned\s+│\s+4 │", text);
        Assert.Contains("Resume: run the same command again", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_CountsThatDoNotAddUp_SayItLoudly()
    {
        var text = Render(Summary(StopReason.Completed, rowsRead: 13));

        Assert.Contains("outcomes add up to 12: please report this", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_FirstRejects_AreListedWithLineAndReason()
    {
        var text = Render(Summary(StopReason.Completed), [new RowRejectedArgs("in.jsonl", 7, "missing_field", "no 'answer' field", "{}")]);

        Assert.Contains("Rejected rows (first 1 of 3; all are in rejects.jsonl):", text, StringComparison.Ordinal);
        Assert.Contains("line 7: missing_field: no 'answer' field", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Failures_ShowWhyAndHowToResume()
    {
        var text = Render(Summary(StopReason.Completed, succeeded: 3, failed: 2),
            errors: [new("search", "provider_error", "Connection refused", 2)]);

        Assert.Contains("2 × search provider_error: Connection refused", text, StringComparison.Ordinal);
        Assert.Contains("Resume: run the same command again", text, StringComparison.Ordinal);
    }
}
