namespace CotForge.Llm;

/// <summary>
/// The endpoint's circuit is open: it failed repeatedly, so calls fail at once instead of waiting on a dead endpoint.
/// The circuit lets a trial call through after its break duration and closes again when that call succeeds.
/// </summary>
public sealed class LlmUnavailableException : LlmException
{
    /// <summary>Creates an error for a call refused by an open circuit.</summary>
    public LlmUnavailableException(string endpoint, TimeSpan? retryAfter, Exception? innerException = null)
        : base(
            LlmErrorKinds.Unavailable,
            $"The LLM endpoint '{endpoint}' failed repeatedly and is paused"
            + (retryAfter is { } wait ? $" for another {wait.TotalSeconds:0.#} s" : string.Empty)
            + "; the call was not sent. Failed items are retried on the next run.",
            innerException)
    {
        Endpoint = endpoint;
        RetryAfter = retryAfter;
    }

    /// <summary>The endpoint key (provider and base URL, without credentials).</summary>
    public string Endpoint { get; }

    /// <summary>How long the circuit stays open, when known.</summary>
    public TimeSpan? RetryAfter { get; }
}
