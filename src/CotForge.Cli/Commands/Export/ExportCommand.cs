using CotForge.Cli.Display;
using CotForge.Storage;
using Spectre.Console;
using Spectre.Console.Cli;

namespace CotForge.Cli.Commands.Export;

/// <summary><c>cotforge export</c>: writes a fine-tuning JSONL file from a directory's post-processed chains.</summary>
internal sealed class ExportCommand(IAnsiConsole console) : AsyncCommand<ExportSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, ExportSettings settings, CancellationToken cancellationToken)
    {
        var location = DatasetResolver.ResolveExisting(settings);
        var format = ExportFormats.Find(settings.Format!)!;
        using var manager = PersistenceManager.Open(location);
        var counts = await new Exporter(format, settings.IncludeUnverified).ExportAsync(manager, settings.Output!, cancellationToken);

        console.MarkupLineInterpolated(
            $"Wrote [bold]{Format.Count(counts.Records)}[/] {format.Name} records from {Format.Count(counts.Items)} items to [bold]{Path.GetFullPath(settings.Output!)}[/].");
        if (counts.SkippedUnverified > 0)
        {
            console.MarkupLineInterpolated($"Left out {Format.Count(counts.SkippedUnverified)} unverified chains (add --include-unverified to export them).");
        }

        if (counts.SkippedByFormat > 0)
        {
            console.MarkupLineInterpolated($"Left out {Format.Count(counts.SkippedByFormat)} chains that have no separate reasoning and answer, which {format.Name} needs.");
        }

        if (counts.ItemsWithoutChains > 0)
        {
            console.MarkupLineInterpolated($"{Format.Count(counts.ItemsWithoutChains)} items had no post-processed chain.");
        }

        return ExitCodes.Ok;
    }
}
