using CotForge.Pipeline;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace CotForge.Cli.Display;

/// <summary>
/// The live display of a run on a terminal: progress towards the input's size, per-outcome counts, what each
/// stage is working on, speed, ETA, success rate and tokens. Redrawn in place a few times a second.
/// </summary>
internal static class LiveRunView
{
    private const int BarWidth = 30;

    public static IRenderable Render(string title, PipelineProgress? p, ProgressStats stats, bool stopping)
    {
        ArgumentNullException.ThrowIfNull(stats);
        var lines = new List<IRenderable> { new Markup($"[bold]{Markup.Escape(title)}[/]") };
        if (p is null)
        {
            lines.Add(new Markup("[grey]starting…[/]"));
            return new Rows(lines);
        }

        long done = ProgressStats.Done(p);
        lines.Add(new Markup(Bar(done, stats.TotalRows)));
        lines.Add(new Text(Summary(p, stats)));

        var table = new Table().Border(TableBorder.Simple).HideHeaders();
        table.AddColumn("outcome");
        table.AddColumn(new TableColumn("items").RightAligned());
        table.AddColumn(new TableColumn("").Width(4));
        table.AddColumn("stage");
        table.AddColumn(new TableColumn("in flight").RightAligned());
        table.AddRow("[green]succeeded[/]", Format.Count(p.Succeeded), "", "search", Stage(p.Search));
        table.AddRow("[yellow]unverified[/]", Format.Count(p.Unverified), "", "verify", Stage(p.Verify));
        table.AddRow("[red]failed[/]", Format.Count(p.Failed), "", "post-process", Stage(p.PostProcess));
        table.AddRow("[grey]rejected[/]", Format.Count(p.Rejected), "", "persist", Stage(p.Persist));
        table.AddRow("[grey]duplicate[/]", Format.Count(p.Duplicates), "", "dedupe", Stage(p.Dedupe));
        if (p.Abandoned > 0)
        {
            table.AddRow("[grey]abandoned[/]", Format.Count(p.Abandoned), "", "", "");
        }

        lines.Add(table);
        string success = ProgressStats.SuccessRate(p) is { } rate ? Format.Percent(rate) : "-";
        string tokens = p.TotalTokens is { } t ? Format.Count(t) + (p.LlmCalls is { } calls ? $" in {Format.Count(calls)} calls" : "") : "-";
        lines.Add(new Markup($"success rate [bold]{success}[/]   tokens [bold]{tokens}[/]   in flight [bold]{Format.Count(p.InFlight)}[/]"));
        if (stopping)
        {
            lines.Add(new Markup("[yellow]Stopping: no new rows; letting in-flight items finish, then flushing. Ctrl+C again to force.[/]"));
        }

        return new Rows(lines);
    }

    private static string Summary(PipelineProgress p, ProgressStats stats)
    {
        string rows = stats.TotalRows is { } total ? $"{Format.Count(p.RowsRead)}/~{Format.Count(total)} rows" : $"{Format.Count(p.RowsRead)} rows";
        string eta = stats.Eta is { } e && !p.IsFinal ? "  ETA " + Format.Duration(e) : "";
        return $"{rows}  {Format.Clock(p.Elapsed)}  {Format.Rate(p.IsFinal ? p.AverageItemsPerSecond : p.ItemsPerSecond)}{eta}";
    }

    private static string Stage(StageLoad load) => load.Queued > 0 ? $"{load.Active} (+{load.Queued} queued)" : load.Active.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string Bar(long done, long? total)
    {
        if (total is not { } t || t <= 0)
        {
            return "[grey]" + new string('━', BarWidth) + "[/]";
        }

        int filled = (int)Math.Clamp(done * BarWidth / t, 0, BarWidth);
        return "[green]" + new string('━', filled) + "[/][grey]" + new string('━', BarWidth - filled) + "[/] "
            + Format.Percent(Math.Min(1, (double)done / t)).PadLeft(6);
    }
}
