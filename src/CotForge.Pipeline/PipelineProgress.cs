namespace CotForge.Pipeline;

/// <summary>A snapshot of a running pipeline, reported at <see cref="PipelineOptions.ProgressInterval"/> and once at the end.</summary>
public sealed record PipelineProgress
{
    /// <summary>Time since the run started.</summary>
    public required TimeSpan Elapsed { get; init; }

    /// <summary>Input rows read so far (accepted and rejected).</summary>
    public required long RowsRead { get; init; }

    /// <summary>Items recorded as succeeded.</summary>
    public required long Succeeded { get; init; }

    /// <summary>Items recorded as unverified.</summary>
    public required long Unverified { get; init; }

    /// <summary>Items recorded as failed.</summary>
    public required long Failed { get; init; }

    /// <summary>Rows recorded as rejected.</summary>
    public required long Rejected { get; init; }

    /// <summary>Rows counted as duplicates (in the input or already processed).</summary>
    public required long Duplicates { get; init; }

    /// <summary>Items abandoned by cancellation or the budget.</summary>
    public required long Abandoned { get; init; }

    /// <summary>Items admitted and not yet recorded.</summary>
    public required long InFlight { get; init; }

    /// <summary>The dedupe stage (rows waiting for their batched lookup).</summary>
    public required StageLoad Dedupe { get; init; }

    /// <summary>The search stage.</summary>
    public required StageLoad Search { get; init; }

    /// <summary>The verify stage.</summary>
    public required StageLoad Verify { get; init; }

    /// <summary>The post-processing stage.</summary>
    public required StageLoad PostProcess { get; init; }

    /// <summary>The persist stage (records waiting for the writer).</summary>
    public required StageLoad Persist { get; init; }

    /// <summary>LLM calls so far (when a token ledger is known), else null.</summary>
    public long? LlmCalls { get; init; }

    /// <summary>Input plus output tokens so far (when a token ledger is known), else null.</summary>
    public long? TotalTokens { get; init; }

    /// <summary>Rows read per second since the previous report.</summary>
    public required double RowsPerSecond { get; init; }

    /// <summary>Items finished (succeeded, unverified or failed) per second since the previous report.</summary>
    public required double ItemsPerSecond { get; init; }

    /// <summary>Items finished per second since the start.</summary>
    public required double AverageItemsPerSecond { get; init; }

    /// <summary>True for the last report of the run.</summary>
    public bool IsFinal { get; init; }

    /// <summary>Succeeded plus unverified plus failed.</summary>
    public long Finished => Succeeded + Unverified + Failed;
}
