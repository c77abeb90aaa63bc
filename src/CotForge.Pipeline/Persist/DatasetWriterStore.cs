using CotForge.Storage;

namespace CotForge.Pipeline.Persist;

/// <summary>The dataset directory's <see cref="DatasetWriter"/> (group commit) as the persist stage's store.</summary>
internal sealed class DatasetWriterStore(DatasetWriter writer) : IItemStore
{
    public ValueTask AppendAsync(CompletedItem item, CancellationToken cancellationToken) => writer.AppendAsync(item, cancellationToken);

    public ValueTask AppendErrorAsync(ErrorRecord error, CancellationToken cancellationToken) => writer.AppendErrorAsync(error, cancellationToken);

    public ValueTask AppendRejectAsync(RejectRecord reject, CancellationToken cancellationToken) => writer.AppendRejectAsync(reject, cancellationToken);

    public ValueTask FlushAsync(CancellationToken cancellationToken) => writer.FlushAsync(cancellationToken);
}
