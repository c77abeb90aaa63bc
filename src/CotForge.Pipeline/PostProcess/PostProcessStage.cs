using System.Buffers;
using System.Text.Json.Nodes;
using CotForge.Core.Items;
using CotForge.Core.PostProcessing;
using CotForge.Core.Reasoning;
using CotForge.Core.Search;
using CotForge.Pipeline.Items;
using CotForge.Storage;

namespace CotForge.Pipeline.PostProcess;

/// <summary>
/// Turns a complete search into the record persist appends: post-processed chains (when a post-processor is set,
/// and for unverified items only when asked) and the serialized tree. Serializing here, in a parallel stage, keeps
/// the single writer's work to appending bytes.
/// </summary>
internal sealed class PostProcessStage(ReasoningPostProcessor? processor, bool onlySuccessful, TimeProvider timeProvider)
{
    public const string Name = FailureStages.PostProcess;

    /// <summary>
    /// The item's record. Its result JSON lies in an array rented from the shared pool, left in
    /// <see cref="WorkItem.RentedResultJson"/> for persist to return: the writer copies the tree into its own line, so
    /// a tree-sized array per item was garbage (~9 % of the bytes a run allocates).
    /// </summary>
    public async ValueTask<Outcome<CompletedItem>> ProcessAsync(WorkItem item, CancellationToken cancellationToken)
    {
        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            SearchResult result = item.Result ?? throw new InvalidOperationException("Post-processing needs a complete search.");
            IReadOnlyList<JsonObject> chains = [];
            if (processor is not null && (result.Success || !onlySuccessful))
            {
                using (ItemContext.Enter(item.Context))
                {
                    ProcessedItem processed = await processor.ProcessAsync(result, cancellationToken).ConfigureAwait(false);
                    chains = processed.ChainOfThoughtResponses;
                }
            }

            ArraySegment<byte> json = SearchTreeSerializer.SerializeToRentedArray(result, ArrayPool<byte>.Shared);
            item.RentedResultJson = json.Array;
            // Our own serializer's compact output: the writer need not read it through again to check it.
            return Outcome<CompletedItem>.Success(new CompletedItem(
                item.Id, item.Question, item.GroundTruth, result.Success, timeProvider.GetUtcNow(), json, chains) { ResultIsCompactJson = true });
        }
        catch (Exception ex)
        {
            return Outcome<CompletedItem>.Failed(FailureClassifier.Classify(ex, Name, cancellationToken));
        }
    }
}
