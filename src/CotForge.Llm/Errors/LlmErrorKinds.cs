namespace CotForge.Llm;

/// <summary>The values of <see cref="LlmException.Kind"/>, as constants so callers can switch on them.</summary>
public static class LlmErrorKinds
{
    /// <summary>HTTP 429: the endpoint throttled the call.</summary>
    public const string RateLimited = "rate_limited";

    /// <summary>HTTP 5xx (and 408): the endpoint failed the call.</summary>
    public const string ServerError = "server_error";

    /// <summary>The call took longer than the per-call timeout.</summary>
    public const string Timeout = "timeout";

    /// <summary>The endpoint could not be reached or the connection broke (refused, reset, DNS, cut-off body).</summary>
    public const string TransportError = "transport_error";

    /// <summary>The endpoint answered with a body that is not a valid response envelope of its wire format.</summary>
    public const string MalformedResponse = "malformed_response";

    /// <summary>HTTP 4xx other than 408/429: the request itself is wrong (bad key, unknown model, bad payload).</summary>
    public const string RequestRejected = "request_rejected";

    /// <summary>The circuit breaker is open: the endpoint failed repeatedly and is not being called for a while.</summary>
    public const string Unavailable = "unavailable";

    /// <summary>A token or cost budget is spent.</summary>
    public const string BudgetExceeded = "budget_exceeded";

    /// <summary>The LLM settings are invalid or incomplete (e.g. a missing API key variable).</summary>
    public const string Configuration = "configuration";
}
