using System.Globalization;
using System.Text.Json.Nodes;
using CotForge.Storage;

namespace CotForge.Cli.Commands.Status;

/// <summary>
/// What <c>status</c> says about a directory, in the snake_case shape of <c>status --json</c> (SPEC §5): the counts
/// per outcome, success rate, token usage when the run recorded it, and when the directory last changed.
/// </summary>
internal sealed record StatusReport(DatasetStatus Status, string DirectoryPath)
{
    /// <summary>Successful items over completed items, or null before anything completed.</summary>
    public double? SuccessRate => Status.CompletedItems == 0 ? null : (double)Status.SuccessfulItems / Status.CompletedItems;

    /// <summary>The token usage a run stored in metadata.json, when there is one.</summary>
    public TokenTotals? Tokens => TokenTotals.FromRunInfo(Status.RunInfo);

    public JsonObject ToJson()
    {
        var json = new JsonObject
        {
            ["dataset_name"] = Status.DatasetName,
            ["search_name"] = Status.SearchName,
            ["directory"] = DirectoryPath,
            ["completed_items"] = Status.CompletedItems,
            ["successful_items"] = Status.SuccessfulItems,
            ["unverified_items"] = Status.UnverifiedItems,
            ["failed_items"] = Status.FailedItems,
            ["rejected_rows"] = Status.RejectedRows,
            ["success_rate"] = SuccessRate is { } rate ? Math.Round(rate, 4) : null,
            ["last_updated"] = Status.LastUpdated?.ToString("o", CultureInfo.InvariantCulture),
        };
        if (Tokens is { } tokens)
        {
            json["tokens"] = tokens.ToJson();
        }

        if (Status.RunInfo is { } info)
        {
            json["run_info"] = info.DeepClone();
        }

        return json;
    }
}
