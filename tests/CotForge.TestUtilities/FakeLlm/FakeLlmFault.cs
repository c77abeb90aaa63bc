namespace CotForge.TestUtilities.FakeLlm;

/// <summary>What the <see cref="FakeLlmServer"/> does to one request instead of (or on top of) answering it.</summary>
public enum FakeLlmFault
{
    /// <summary>Answer normally.</summary>
    None,

    /// <summary>HTTP 429 with a Retry-After header of <see cref="FakeLlmServer.RetryAfterSeconds"/>.</summary>
    RateLimited,

    /// <summary>HTTP 429 without Retry-After.</summary>
    RateLimitedWithoutRetryAfter,

    /// <summary>HTTP 500.</summary>
    ServerError,

    /// <summary>HTTP 503.</summary>
    ServiceUnavailable,

    /// <summary>Answer normally after <see cref="FakeLlmServer.SlowDelay"/>.</summary>
    Slow,

    /// <summary>HTTP 200 with a body that is not valid JSON.</summary>
    MalformedBody,

    /// <summary>HTTP 200 whose body stops half-way and the connection is cut (Content-Length promises more).</summary>
    TruncatedBody,

    /// <summary>A valid envelope whose model text is broken JSON.</summary>
    MalformedContent,

    /// <summary>A valid envelope whose model text is cut off (finish reason "length").</summary>
    TruncatedContent,

    /// <summary>A valid envelope with empty model text.</summary>
    EmptyContent,

    /// <summary>HTTP 400.</summary>
    BadRequest,

    /// <summary>HTTP 401, echoing a masked fragment of the key the way real endpoints do.</summary>
    Unauthorized,

    /// <summary>HTTP 404 (unknown model).</summary>
    NotFound,
}
