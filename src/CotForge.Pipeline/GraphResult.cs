namespace CotForge.Pipeline;

/// <summary>What <see cref="PipelineGraph.RunAsync"/> counted; the pipeline adds the directory and mapping to make a <see cref="RunSummary"/>.</summary>
internal sealed record GraphResult(
    StopReason StopReason,
    long RowsRead,
    long Succeeded,
    long Unverified,
    long Failed,
    long Rejected,
    long InputDuplicates,
    long AlreadyProcessed,
    long Abandoned,
    TimeSpan Elapsed,
    IReadOnlyDictionary<int, long> StepsHistogram,
    string? BudgetMessage);
