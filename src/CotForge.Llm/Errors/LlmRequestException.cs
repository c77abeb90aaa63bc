namespace CotForge.Llm;

/// <summary>
/// The endpoint refused the request for a reason retrying cannot fix (HTTP 400, 401, 403, 404, 422 ...): a wrong key,
/// an unknown model, a payload it does not accept. Not retried; the item fails with the endpoint's reason.
/// </summary>
public sealed class LlmRequestException : LlmException
{
    /// <summary>Creates a rejected-request error.</summary>
    public LlmRequestException(string message, int? statusCode)
        : base(LlmErrorKinds.RequestRejected, message)
    {
        StatusCode = statusCode;
    }

    /// <summary>The HTTP status the endpoint answered with.</summary>
    public int? StatusCode { get; }
}
