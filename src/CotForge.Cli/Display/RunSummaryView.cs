using CotForge.Pipeline;
using CotForge.Pipeline.Load;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace CotForge.Cli.Display;

/// <summary>
/// The table printed when a run ends: what happened to every row read (the outcomes add up to the rows read), where
/// the output went, tokens, and what to do next.
/// </summary>
internal static class RunSummaryView
{
    public static IRenderable Render(RunSummary s, IReadOnlyCollection<RowRejectedArgs>? firstRejects = null,
        IReadOnlyCollection<Commands.Run.RecentErrors.Entry>? errors = null)
    {
        ArgumentNullException.ThrowIfNull(s);
        var table = new Table().Border(TableBorder.Rounded).Title(Title(s));
        table.AddColumn("Outcome");
        table.AddColumn(new TableColumn("Rows").RightAligned());
        table.AddColumn("Where");
        table.AddRow("[green]succeeded[/]", Format.Count(s.Succeeded), "results.jsonl (success: true) + processed_results.jsonl");
        table.AddRow("[yellow]unverified[/]", Format.Count(s.Unverified), "results.jsonl (success: false); skipped next run unless --retry-unverified");
        table.AddRow("[red]failed[/]", Format.Count(s.Failed), "errors.jsonl; retried by the next run");
        table.AddRow("[grey]rejected[/]", Format.Count(s.Rejected), "rejects.jsonl (bad input rows)");
        table.AddRow("[grey]duplicate[/]", Format.Count(s.Duplicates),
            $"{Format.Count(s.InputDuplicates)} repeated in the input, {Format.Count(s.AlreadyProcessed)} done by an earlier run");
        if (s.Abandoned > 0)
        {
            table.AddRow("[grey]abandoned[/]", Format.Count(s.Abandoned), "stopped before finishing; processed by the next run");
        }

        long sum = s.Succeeded + s.Unverified + s.Failed + s.Rejected + s.Duplicates + s.Abandoned;
        table.AddRow(new Markup("[bold]rows read[/]"), new Markup($"[bold]{Format.Count(s.RowsRead)}[/]"),
            new Markup(s.CountsAddUp ? "= the sum of the outcomes above" : $"[red]outcomes add up to {Format.Count(sum)}: please report this[/]"));

        var lines = new List<IRenderable> { table };
        if (errors is { Count: > 0 })
        {
            lines.Add(new Text("Why items failed (first distinct errors of this run; all are in errors.jsonl):"));
            foreach (var e in errors)
            {
                lines.Add(new Text($"  {Format.Count(e.Count)} × {e.Stage} {e.Kind}: {e.Message}"));
            }
        }

        if (firstRejects is { Count: > 0 })
        {
            lines.Add(new Text($"Rejected rows (first {firstRejects.Count} of {Format.Count(s.Rejected)}; all are in rejects.jsonl):"));
            foreach (var r in firstRejects)
            {
                lines.Add(new Text($"  line {r.Line}: {r.Reason}"));
            }
        }

        lines.Add(new Markup($"Output: [bold]{Markup.Escape(s.DirectoryPath)}[/]"));
        string rate = s.Succeeded + s.Unverified > 0 ? Format.Percent((double)s.Succeeded / (s.Succeeded + s.Unverified)) : "-";
        lines.Add(new Text($"Time: {Format.Duration(s.Elapsed)}, {Format.Rate(s.ItemsPerSecond)}; success rate {rate}"));
        if (s.Tokens is { } tokens && tokens.TotalCalls > 0)
        {
            string cost = tokens.TotalCost is { } c ? $", about ${c:0.####}" : "";
            lines.Add(new Text($"Tokens: {Format.Count(tokens.TotalInputTokens)} in + {Format.Count(tokens.TotalOutputTokens)} out in {Format.Count(tokens.TotalCalls)} calls{(tokens.Estimated ? " (partly estimated)" : "")}{cost}"));
        }

        if (s.BudgetMessage is { } budget)
        {
            lines.Add(new Markup("[yellow]Budget reached:[/] " + Markup.Escape(budget)));
        }

        lines.Add(new Markup(NextStep(s)));
        return new Rows(lines);
    }

    private static string Title(RunSummary s) => s.StopReason switch
    {
        StopReason.Cancelled => $"[yellow]Cancelled[/] {Markup.Escape(s.DatasetName)} / {Markup.Escape(s.SearchName)}",
        StopReason.BudgetReached => $"[yellow]Budget reached[/] {Markup.Escape(s.DatasetName)} / {Markup.Escape(s.SearchName)}",
        _ => $"[bold]Finished[/] {Markup.Escape(s.DatasetName)} / {Markup.Escape(s.SearchName)}",
    };

    private static string NextStep(RunSummary s)
    {
        if (s.StopReason != StopReason.Completed || s.Failed > 0)
        {
            return "Resume: run the same command again. Finished items are skipped; failed and unfinished ones are processed.";
        }

        string search = s.SearchName == Commands.SearchNames.BeamDirectory ? " --search beam" : "";
        return $"Next: [bold]cotforge export --dataset {Markup.Escape(s.DatasetName)}{search} --format sharegpt --output {Markup.Escape(s.DatasetName)}.jsonl[/]" +
            " (or status, to see these counts again).";
    }
}
