using CotForge.Storage;

namespace CotForge.Pipeline.Persist;

/// <summary>Where the persist stage writes: the dataset's single writer (or an in-memory store in tests).</summary>
internal interface IItemStore
{
    ValueTask AppendAsync(CompletedItem item, CancellationToken cancellationToken);

    ValueTask AppendErrorAsync(ErrorRecord error, CancellationToken cancellationToken);

    ValueTask AppendRejectAsync(RejectRecord reject, CancellationToken cancellationToken);

    ValueTask FlushAsync(CancellationToken cancellationToken);
}
