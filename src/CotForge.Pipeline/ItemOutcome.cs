namespace CotForge.Pipeline;

/// <summary>The outcome of one input row (SPEC §3), plus <see cref="Abandoned"/> for rows a cancelled run did not finish.</summary>
public enum ItemOutcome
{
    /// <summary>A verified chain was found and post-processed (results.jsonl with success true).</summary>
    Succeeded,

    /// <summary>The search reached its depth limit without a verified chain (results.jsonl with success false).</summary>
    Unverified,

    /// <summary>An error survived its retries (errors.jsonl); retried on the next run.</summary>
    Failed,

    /// <summary>The row itself is bad (rejects.jsonl).</summary>
    Rejected,

    /// <summary>Same id as an earlier row of this input, or already processed: counted only.</summary>
    Duplicate,

    /// <summary>Read but not finished because the run was cancelled or the budget ran out: not recorded, retried next run.</summary>
    Abandoned,
}
