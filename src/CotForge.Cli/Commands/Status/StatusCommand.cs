using System.Globalization;
using System.Text.Json;
using CotForge.Cli.Display;
using CotForge.Storage;
using Spectre.Console;
using Spectre.Console.Cli;

namespace CotForge.Cli.Commands.Status;

/// <summary><c>cotforge status</c>: counts per outcome, success rate, tokens and last update of one directory.</summary>
internal sealed class StatusCommand(IAnsiConsole console) : AsyncCommand<StatusSettings>
{
    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        // Readable as printed: "+00:00" and non-ASCII dataset names stay as they are instead of \uXXXX escapes.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public override Task<int> ExecuteAsync(CommandContext context, StatusSettings settings, CancellationToken cancellationToken)
    {
        var location = DatasetResolver.ResolveExisting(settings);
        using var manager = PersistenceManager.Open(location);
        var report = new StatusReport(manager.GetStatus(), location.DirectoryPath);
        if (settings.Json)
        {
            // Plain text, not markup: JSON is full of brackets Spectre would read as styles.
            console.Profile.Out.Writer.WriteLine(report.ToJson().ToJsonString(Indented));
            console.Profile.Out.Writer.Flush();
        }
        else
        {
            console.Write(Render(report));
        }

        return Task.FromResult(ExitCodes.Ok);
    }

    internal static Rows Render(StatusReport report)
    {
        var s = report.Status;
        var table = new Table().Border(TableBorder.Rounded).Title($"[bold]{Markup.Escape(s.DatasetName)} / {Markup.Escape(s.SearchName)}[/]");
        table.AddColumn("Outcome");
        table.AddColumn(new TableColumn("Items").RightAligned());
        table.AddColumn("Meaning");
        table.AddRow("[green]succeeded[/]", Format.Count(s.SuccessfulItems), "verified chain, post-processed");
        table.AddRow("[yellow]unverified[/]", Format.Count(s.UnverifiedItems), "search reached its depth without a verified chain");
        table.AddRow("[red]failed[/]", Format.Count(s.FailedItems), "error after retries; retried by the next run (errors.jsonl)");
        table.AddRow("[grey]rejected rows[/]", Format.Count(s.RejectedRows), "bad input rows (rejects.jsonl)");
        table.AddEmptyRow();
        table.AddRow("success rate", report.SuccessRate is { } r ? Format.Percent(r) : "-", "succeeded / (succeeded + unverified)");
        if (report.Tokens is { } t)
        {
            table.AddRow("tokens", Format.Count(t.TotalTokens),
                $"{Format.Count(t.InputTokens)} in, {Format.Count(t.OutputTokens)} out, {Format.Count(t.Calls)} calls{(t.Estimated ? " (partly estimated)" : "")}");
        }

        // Below the table rather than in it: a long path would stretch the counts column across the screen.
        string updated = s.LastUpdated?.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture) ?? "never";
        return new Rows(table, new Text("Last updated: " + updated), new Text("Directory: " + report.DirectoryPath));
    }
}
