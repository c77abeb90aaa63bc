using CotForge.Cli.Commands.Status;
using CotForge.Storage;
using Spectre.Console;
using Spectre.Console.Cli;

namespace CotForge.Cli.Commands.Reindex;

/// <summary>
/// <c>cotforge reindex</c>: rebuilds index.sqlite from the JSONL files. The index is derived data, so this is always
/// safe; it is the fix for an index copied from elsewhere or damaged by hand.
/// </summary>
internal sealed class ReindexCommand(IAnsiConsole console) : AsyncCommand<ReindexSettings>
{
    public override Task<int> ExecuteAsync(CommandContext context, ReindexSettings settings, CancellationToken cancellationToken)
    {
        var location = DatasetResolver.ResolveExisting(settings);
        using var manager = PersistenceManager.Open(location);
        manager.Reindex();
        var status = manager.GetStatus();
        console.MarkupLineInterpolated($"Rebuilt the index of [bold]{location.DirectoryPath}[/] from its JSONL files.");
        console.Write(StatusCommand.Render(new StatusReport(status, location.DirectoryPath)));
        return Task.FromResult(ExitCodes.Ok);
    }
}
