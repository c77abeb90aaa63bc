namespace CotForge.Llm;

/// <summary>A call that did not finish within its per-call timeout. Retried like any transient failure.</summary>
public sealed class LlmTimeoutException : LlmTransientException
{
    /// <summary>Creates a timeout failure for a call that was given <paramref name="timeout"/>.</summary>
    public LlmTimeoutException(TimeSpan timeout, string? message = null)
        : base(LlmErrorKinds.Timeout, message ?? $"The LLM call did not finish within its timeout of {timeout.TotalSeconds:0.###} s.")
    {
        Timeout = timeout;
    }

    /// <summary>The per-call timeout that expired.</summary>
    public TimeSpan Timeout { get; }
}
