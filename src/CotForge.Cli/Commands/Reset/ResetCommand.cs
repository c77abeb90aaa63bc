using CotForge.Cli.Display;
using CotForge.Cli.Infrastructure;
using CotForge.Storage;
using Spectre.Console;
using Spectre.Console.Cli;

namespace CotForge.Cli.Commands.Reset;

/// <summary>
/// <c>cotforge reset</c>: deletes every result of one dataset/search directory so the next run starts over. Asks
/// first; without a terminal to ask on it refuses unless --yes, so a script never wipes a dataset by accident.
/// </summary>
internal sealed class ResetCommand(IAnsiConsole console) : AsyncCommand<ResetSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, ResetSettings settings, CancellationToken cancellationToken)
    {
        var location = DatasetResolver.ResolveExisting(settings);
        using var manager = PersistenceManager.Open(location);
        var status = manager.GetStatus();
        string what = $"{Format.Count(status.CompletedItems)} completed items, {Format.Count(status.FailedItems)} failed and " +
            $"{Format.Count(status.RejectedRows)} rejected rows in {location.DirectoryPath}";
        if (!settings.Yes)
        {
            if (!console.Profile.Capabilities.Interactive)
            {
                throw new UsageException($"reset would delete {what}, and there is no terminal to confirm on. Pass --yes to confirm.");
            }

            bool confirmed = await console.ConfirmAsync($"Delete {Markup.Escape(what)}?", defaultValue: false, cancellationToken);
            if (!confirmed)
            {
                console.MarkupLine("Nothing deleted.");
                return ExitCodes.Ok;
            }
        }

        manager.Reset();
        console.MarkupLineInterpolated($"Deleted {what}. The next 'cotforge run' on this dataset starts from the beginning.");
        return ExitCodes.Ok;
    }
}
