namespace CotForge.Core.Search;

/// <summary>
/// An item could not be processed: a model's output stayed unparseable after its retries, a verifier could not
/// give a verdict, a provider error survived the middleware. The pipeline records it as the item's error outcome
/// (errors.jsonl: id, stage, kind, message, attempts) and retries the item on the next run.
/// </summary>
public class ReasoningFailureException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="stage">Where it happened: one of <see cref="FailureStages"/>.</param>
    /// <param name="kind">What happened, snake_case: one of <see cref="FailureKinds"/> or another short tag.</param>
    /// <param name="message">A sentence a person can act on.</param>
    /// <param name="attempts">How many attempts were made before giving up.</param>
    /// <param name="innerException">The underlying error, if any.</param>
    public ReasoningFailureException(string stage, string kind, string message, int attempts, Exception? innerException = null)
        : base(message, innerException)
    {
        ArgumentException.ThrowIfNullOrEmpty(stage);
        ArgumentException.ThrowIfNullOrEmpty(kind);
        Stage = stage;
        Kind = kind;
        Attempts = attempts;
    }

    /// <summary>Creates the exception with a message only (stage and kind "unknown").</summary>
    public ReasoningFailureException(string message)
        : this("unknown", "unknown", message, 1)
    {
    }

    /// <summary>Creates the exception with a message and a cause (stage and kind "unknown").</summary>
    public ReasoningFailureException(string message, Exception innerException)
        : this("unknown", "unknown", message, 1, innerException)
    {
    }

    /// <summary>Creates the exception with no message (stage and kind "unknown").</summary>
    public ReasoningFailureException()
        : this("unknown", "unknown", "The item could not be processed.", 1)
    {
    }

    /// <summary>Where it happened: <c>search</c>, <c>verify</c>, <c>score</c> or <c>post_process</c>.</summary>
    public string Stage { get; }

    /// <summary>What happened, snake_case, e.g. <c>unparseable_output</c>, <c>verifier_unavailable</c>, <c>provider_error</c>.</summary>
    public string Kind { get; }

    /// <summary>How many attempts were made.</summary>
    public int Attempts { get; }
}
