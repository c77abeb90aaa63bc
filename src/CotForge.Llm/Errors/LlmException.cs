namespace CotForge.Llm;

/// <summary>
/// Base of every error the LLM layer raises on purpose. <see cref="Kind"/> is a stable snake_case word the pipeline
/// writes into <c>errors.jsonl</c>; messages never contain an API key, so they are safe to record.
/// </summary>
public class LlmException : Exception
{
    /// <summary>Creates an error of the given <paramref name="kind"/>.</summary>
    public LlmException(string kind, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        ArgumentException.ThrowIfNullOrEmpty(kind);
        Kind = kind;
    }

    /// <summary>
    /// What went wrong, as a snake_case word: <c>rate_limited</c>, <c>server_error</c>, <c>timeout</c>,
    /// <c>transport_error</c>, <c>malformed_response</c>, <c>request_rejected</c>, <c>unavailable</c>,
    /// <c>budget_exceeded</c> or <c>configuration</c>.
    /// </summary>
    public string Kind { get; }

    /// <summary>How many attempts were made before this error surfaced (set by the retry middleware); at least 1.</summary>
    public int Attempts { get; internal set; } = 1;
}
