using System.Text.Json.Nodes;

namespace CotForge.Storage;

/// <summary>Counts per outcome for one dataset directory, read from the index (no JSONL scan).</summary>
/// <param name="DatasetName">The dataset name.</param>
/// <param name="SearchName">The search name.</param>
/// <param name="CompletedItems">Committed items: succeeded + unverified.</param>
/// <param name="SuccessfulItems">Committed items with a verified chain.</param>
/// <param name="FailedItems">Ids in errors.jsonl that have not completed since.</param>
/// <param name="RejectedRows">Lines of rejects.jsonl.</param>
/// <param name="LastUpdated">When the directory last changed (last commit), or null for an empty directory.</param>
/// <param name="RunInfo">The <c>cotforge</c> object of metadata.json (e.g. token usage), if any.</param>
public sealed record DatasetStatus(string DatasetName, string SearchName, long CompletedItems, long SuccessfulItems,
    long FailedItems, long RejectedRows, DateTimeOffset? LastUpdated, JsonObject? RunInfo)
{
    /// <summary>Committed items without a verified chain (<see cref="CompletedItems"/> − <see cref="SuccessfulItems"/>).</summary>
    public long UnverifiedItems => CompletedItems - SuccessfulItems;

    /// <summary>
    /// Lines that are kept in the files but not served: later duplicates of an id, results superseded by a retry, and
    /// corrupt lines in the middle of a file. Non-zero only for directories edited by hand or written by older tools.
    /// </summary>
    public long SkippedLines { get; init; }

    /// <summary>
    /// Ids that a cot-forge metadata.json lists as processed but that have no results line. They count as processed
    /// (they are not redone) but are not part of <see cref="CompletedItems"/>, since their outcome is unknown.
    /// </summary>
    public long LegacyProcessedIds { get; init; }
}
