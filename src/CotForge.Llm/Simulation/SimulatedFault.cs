namespace CotForge.Llm.Simulation;

/// <summary>The failures the simulated provider can inject, each shaped like its real-world counterpart.</summary>
public enum SimulatedFault
{
    /// <summary>HTTP 429 with a Retry-After of <see cref="SimulationOptions.RetryAfter"/>: an <see cref="LlmTransientException"/>.</summary>
    RateLimited,

    /// <summary>HTTP 500: an <see cref="LlmTransientException"/>.</summary>
    ServerError,

    /// <summary>HTTP 503: an <see cref="LlmTransientException"/>.</summary>
    ServiceUnavailable,

    /// <summary>No answer within <see cref="SimulationOptions.TimeoutFaultDelay"/>: an <see cref="LlmTimeoutException"/>.</summary>
    Timeout,

    /// <summary>A reply whose JSON is broken (the engine's parser must cope or retry).</summary>
    MalformedJson,

    /// <summary>A reply cut off part-way, as when a model hits its token limit.</summary>
    TruncatedJson,

    /// <summary>An empty reply.</summary>
    EmptyReply,
}
