namespace CotForge.Llm;

/// <summary>
/// A failure that may succeed when tried again: HTTP 408/429/5xx, a timeout, a broken connection or a garbled
/// response envelope. The retry middleware retries exactly these, waiting <see cref="RetryAfter"/> when the endpoint
/// said how long to wait. Providers translate their SDK's errors into this type so every provider, the simulated one
/// included, is retried by the same rules.
/// </summary>
public class LlmTransientException : LlmException
{
    /// <summary>Creates a transient failure.</summary>
    /// <param name="kind">One of <see cref="LlmErrorKinds"/>.</param>
    /// <param name="message">A message without secrets.</param>
    /// <param name="statusCode">The HTTP status, when there was a response.</param>
    /// <param name="retryAfter">The wait the endpoint asked for (Retry-After), if any.</param>
    /// <param name="innerException">The cause, only when it cannot carry a secret.</param>
    public LlmTransientException(string kind, string message, int? statusCode = null, TimeSpan? retryAfter = null, Exception? innerException = null)
        : base(kind, message, innerException)
    {
        StatusCode = statusCode;
        RetryAfter = retryAfter;
    }

    /// <summary>The HTTP status of the failed response, or null when there was none (timeout, transport error).</summary>
    public int? StatusCode { get; }

    /// <summary>How long the endpoint asked us to wait before trying again (Retry-After), or null.</summary>
    public TimeSpan? RetryAfter { get; }
}
