namespace CotForge.Pipeline;

/// <summary>Why a run ended.</summary>
public enum StopReason
{
    /// <summary>Every row was read and every item reached its outcome.</summary>
    Completed,

    /// <summary>The caller cancelled; in-flight items finished or were abandoned (retried next run).</summary>
    Cancelled,

    /// <summary>The LLM budget was spent: intake stopped, in-flight items were recorded as failed.</summary>
    BudgetReached,
}
