using CotForge.Cli.Infrastructure;
using CotForge.Core.Items;
using CotForge.Storage;
using Spectre.Console;
using Spectre.Console.Cli;

namespace CotForge.Cli.Commands.Delete;

/// <summary>
/// <c>cotforge delete</c>: removes one item from results, processed results and the index, so the next run
/// processes it again (e.g. after fixing its ground truth or a prompt).
/// </summary>
internal sealed class DeleteCommand(IAnsiConsole console) : AsyncCommand<DeleteSettings>
{
    public override Task<int> ExecuteAsync(CommandContext context, DeleteSettings settings, CancellationToken cancellationToken)
    {
        var location = DatasetResolver.ResolveExisting(settings);
        string id = settings.Id ?? ItemId.Compute(settings.Question!, settings.Answer!);
        using var manager = PersistenceManager.Open(location);
        if (!manager.Delete(id))
        {
            throw new UsageException($"No completed item with id {id} in {location.DirectoryPath}. Check the id (and --dataset/--search); failed items are not stored as results and need no delete.");
        }

        console.MarkupLineInterpolated($"Deleted item {id} from {location.DirectoryPath}. The next 'cotforge run' on the same input processes it again.");
        return Task.FromResult(ExitCodes.Ok);
    }
}
