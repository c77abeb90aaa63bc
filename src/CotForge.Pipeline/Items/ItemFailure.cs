namespace CotForge.Pipeline.Items;

/// <summary>Why an item did not complete: recorded in errors.jsonl unless it was abandoned.</summary>
/// <param name="Stage">Where it happened: search, verify, score, post_process, persist.</param>
/// <param name="Kind">snake_case tag, e.g. <c>provider_error</c>, <c>budget_exceeded</c>.</param>
/// <param name="Message">A sentence a person can act on.</param>
/// <param name="Attempts">Attempts made before giving up.</param>
/// <param name="Abandoned">Cancelled by the caller: not recorded, so the item is retried on the next run.</param>
/// <param name="BudgetReached">The LLM budget is spent: the pipeline stops taking new items.</param>
internal sealed record ItemFailure(string Stage, string Kind, string Message, int Attempts, bool Abandoned = false, bool BudgetReached = false)
{
    public const string AbandonedKind = "cancelled";

    public static ItemFailure Cancelled(string stage) =>
        new(stage, AbandonedKind, "The run was cancelled before the item finished.", 0, Abandoned: true);
}
