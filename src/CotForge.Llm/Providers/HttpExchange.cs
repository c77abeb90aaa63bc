namespace CotForge.Llm.Providers;

/// <summary>
/// What the HTTP layer saw of the last response of a call: status, Retry-After and the start of an error body. The
/// SDKs' exceptions do not all carry these (Anthropic's has no headers), so <see cref="HttpExchangeObserver"/> writes
/// them into the record that <see cref="ProviderErrorChatClient"/> placed in the call's async flow.
/// </summary>
internal sealed class HttpExchange
{
    private static readonly AsyncLocal<HttpExchange?> CurrentSlot = new();

    public static HttpExchange? Current => CurrentSlot.Value;

    public int? StatusCode { get; set; }

    public TimeSpan? RetryAfter { get; set; }

    public string? ErrorBody { get; set; }

    /// <summary>Starts recording for the current flow; the returned record is filled by the handler below.</summary>
    public static HttpExchange Begin()
    {
        var exchange = new HttpExchange();
        CurrentSlot.Value = exchange;
        return exchange;
    }
}
