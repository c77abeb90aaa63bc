using System.Buffers;
using CotForge.Pipeline.Items;
using CotForge.Storage;

namespace CotForge.Pipeline.Persist;

/// <summary>
/// The only writer: appends each finished item, error and rejected row to the store (which commits in groups) and
/// says which outcome it recorded. A store failure is not an item's failure: it is rethrown, and the graph stops
/// the run, because nothing more can be recorded.
/// </summary>
internal sealed class PersistStage(IItemStore store, TimeProvider timeProvider)
{
    public const string Name = "persist";

    public async ValueTask<ItemOutcome> RecordAsync(PersistMessage message, CancellationToken cancellationToken)
    {
        if (message.Item is not { } item)
        {
            var reject = message.Reject;
            await store.AppendRejectAsync(new RejectRecord(reject.File, reject.Line, reject.Reason, reject.Raw), cancellationToken).ConfigureAwait(false);
            return ItemOutcome.Rejected;
        }

        if (item.Failure is { } failure)
        {
            if (failure.Abandoned)
            {
                return ItemOutcome.Abandoned;
            }

            await store.AppendErrorAsync(
                new ErrorRecord(item.Id, failure.Stage, failure.Kind, failure.Message, failure.Attempts, timeProvider.GetUtcNow()),
                cancellationToken).ConfigureAwait(false);
            return ItemOutcome.Failed;
        }

        var completed = item.Completed ?? throw new InvalidOperationException($"Item {item.Id} reached persist without a record or a failure.");
        try
        {
            await store.AppendAsync(completed, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            // The store has copied the result JSON into its line (or failed): the pooled array can go back.
            item.Completed = null;
            if (item.RentedResultJson is { } rented)
            {
                item.RentedResultJson = null;
                ArrayPool<byte>.Shared.Return(rented);
            }
        }

        return completed.Success ? ItemOutcome.Succeeded : ItemOutcome.Unverified;
    }
}
