using CotForge.Storage;

namespace CotForge.Pipeline.Persist;

/// <summary>Where the persist stage writes: the dataset's single writer (or an in-memory store in tests).</summary>
internal interface IItemStore
{
    /// <summary>
    /// Records <paramref name="item"/>. Its <see cref="CompletedItem.ResultJson"/> is only lent: the array under it
    /// goes back to a pool once the returned task completes, so a store that keeps the bytes copies them (the dataset
    /// writer formats its line before it returns).
    /// </summary>
    ValueTask AppendAsync(CompletedItem item, CancellationToken cancellationToken);

    ValueTask AppendErrorAsync(ErrorRecord error, CancellationToken cancellationToken);

    ValueTask AppendRejectAsync(RejectRecord reject, CancellationToken cancellationToken);

    ValueTask FlushAsync(CancellationToken cancellationToken);
}
