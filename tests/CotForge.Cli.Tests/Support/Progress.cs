using CotForge.Pipeline;

namespace CotForge.Cli.Tests.Support;

/// <summary>Progress snapshots for display tests.</summary>
internal static class Progress
{
    public static PipelineProgress At(double seconds, long succeeded = 0, long unverified = 0, long failed = 0, long rejected = 0,
        long duplicates = 0, long rowsRead = 0, long? tokens = null, bool final = false) => new()
    {
        Elapsed = TimeSpan.FromSeconds(seconds),
        RowsRead = rowsRead,
        Succeeded = succeeded,
        Unverified = unverified,
        Failed = failed,
        Rejected = rejected,
        Duplicates = duplicates,
        Abandoned = 0,
        InFlight = 7,
        Dedupe = new StageLoad(0, 0),
        Search = new StageLoad(2, 3),
        Verify = new StageLoad(0, 2),
        PostProcess = new StageLoad(0, 1),
        Persist = new StageLoad(0, 1),
        LlmCalls = tokens is null ? null : 12,
        TotalTokens = tokens,
        RowsPerSecond = 10,
        ItemsPerSecond = 4.5,
        AverageItemsPerSecond = 4,
        IsFinal = final,
    };
}
