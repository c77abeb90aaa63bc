using System.Globalization;
using System.Net.Http.Headers;

namespace CotForge.Llm.Providers;

/// <summary>
/// An HTTP handler under both SDKs that notes each response's status, Retry-After and (for errors) the first
/// kilobyte of the body in the current <see cref="HttpExchange"/>. It never changes the exchange, so the SDKs behave
/// exactly as they would without it.
/// </summary>
internal sealed class HttpExchangeObserver(TimeProvider timeProvider) : DelegatingHandler(new SocketsHttpHandler
{
    PooledConnectionLifetime = TimeSpan.FromMinutes(5),
    ConnectTimeout = TimeSpan.FromSeconds(15),
})
{
    private const int MaxErrorBody = 1024;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (HttpExchange.Current is { } exchange)
        {
            exchange.StatusCode = (int)response.StatusCode;
            exchange.RetryAfter = ReadRetryAfter(response);
            if (!response.IsSuccessStatusCode)
            {
                // Buffer the error body so the SDK can still read it after us.
                await response.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
                string body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                exchange.ErrorBody = body.Length > MaxErrorBody ? body[..MaxErrorBody] : body;
            }
        }

        return response;
    }

    private TimeSpan? ReadRetryAfter(HttpResponseMessage response)
    {
        // Anthropic and OpenAI also send millisecond variants; they are more precise when present.
        foreach (string name in new[] { "retry-after-ms", "x-ratelimit-reset-after-ms" })
        {
            if (response.Headers.TryGetValues(name, out var values)
                && double.TryParse(values.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out double ms) && ms >= 0)
            {
                return TimeSpan.FromMilliseconds(ms);
            }
        }

        RetryConditionHeaderValue? retryAfter = response.Headers.RetryAfter;
        if (retryAfter?.Delta is { } delta)
        {
            return delta;
        }

        if (retryAfter?.Date is { } date)
        {
            var wait = date - timeProvider.GetUtcNow();
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }

        return null;
    }
}
