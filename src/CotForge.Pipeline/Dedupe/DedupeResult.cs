using CotForge.Pipeline.Items;

namespace CotForge.Pipeline.Dedupe;

/// <summary>What one batch of rows became: new items, and how many were duplicates of either kind.</summary>
internal sealed record DedupeResult(IReadOnlyList<WorkItem> Fresh, int InputDuplicates, int AlreadyProcessed);
