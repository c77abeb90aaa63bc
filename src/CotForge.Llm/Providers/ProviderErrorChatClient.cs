using System.ClientModel;
using System.Net.Sockets;
using System.Text.Json;
using Anthropic.Exceptions;
using Microsoft.Extensions.AI;

namespace CotForge.Llm.Providers;

/// <summary>
/// The bottom of every real provider's stack: turns what its SDK throws into our <see cref="LlmException"/> family,
/// with the status and Retry-After the HTTP layer saw, so the middleware above treats every provider alike. Messages
/// are written by us from the status and a redacted excerpt of the endpoint's error text; the SDK exception is not
/// kept as the inner exception because its message can quote request details.
/// </summary>
internal sealed class ProviderErrorChatClient(IChatClient innerClient, string provider, string endpoint, SecretRedactor redactor)
    : PolicyChatClient(innerClient)
{
    private const int MaxDetail = 300;

    /// <summary>The SDK client underneath shares the endpoint's HttpClient, which the factory owns: do not dispose it.</summary>
#pragma warning disable CA2215 // Deliberately not disposing the inner SDK client: it holds only the factory-owned HttpClient.
    protected override void Dispose(bool disposing)
    {
    }
#pragma warning restore CA2215

    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var exchange = HttpExchange.Begin();
        try
        {
            return await InnerClient.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not LlmException and not OperationCanceledException)
        {
            throw Translate(e, exchange) ?? throw new LlmRequestException($"The {provider} endpoint '{endpoint}' call failed: {e.GetType().Name}: {Detail(e.Message)}", exchange.StatusCode);
        }
    }

    private LlmException? Translate(Exception error, HttpExchange exchange)
    {
        int? status = exchange.StatusCode switch
        {
            >= 400 and var s => s,
            _ => error switch
            {
                ClientResultException { Status: >= 400 } c => c.Status,
                AnthropicApiException a when (int)a.StatusCode >= 400 => (int)a.StatusCode,
                _ => null,
            },
        };
        if (status is { } code)
        {
            string reason = $"The {provider} endpoint '{endpoint}' answered HTTP {code}{ErrorText(exchange.ErrorBody)}";
            return code switch
            {
                429 => new LlmTransientException(LlmErrorKinds.RateLimited, reason + ".", code, exchange.RetryAfter),
                408 or 409 or >= 500 => new LlmTransientException(LlmErrorKinds.ServerError, reason + ".", code, exchange.RetryAfter),
                _ => new LlmRequestException(reason + ". Check the model name, the API key variable and the base URL.", code),
            };
        }

        if (HasCause<JsonException>(error) || HasCause<AnthropicInvalidDataException>(error) || HasCause<FormatException>(error)
            || (exchange.StatusCode is >= 200 and < 300 && !HasCause<IOException>(error) && !HasCause<HttpRequestException>(error)))
        {
            return new LlmTransientException(
                LlmErrorKinds.MalformedResponse,
                $"The {provider} endpoint '{endpoint}' answered with a body that is not a valid response ({error.GetType().Name}).");
        }

        if (HasCause<HttpRequestException>(error) || HasCause<IOException>(error) || HasCause<SocketException>(error) || HasCause<AnthropicIOException>(error)
            || error is ClientResultException { Status: 0 })
        {
            return new LlmTransientException(
                LlmErrorKinds.TransportError,
                $"The {provider} endpoint '{endpoint}' could not be reached or the connection broke: {Detail(Innermost(error).Message)}");
        }

        return null;
    }

    private string ErrorText(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return string.Empty;
        }

        string text = body;
        try
        {
            // Both wire formats nest the human-readable text as error.message.
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.TryGetProperty("error", out var inner) && inner.ValueKind == JsonValueKind.Object
                && inner.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String)
            {
                text = message.GetString() ?? body;
            }
        }
        catch (JsonException)
        {
            // Not JSON (a proxy's HTML page, say): quote the start of it.
        }

        return ": " + Detail(text);
    }

    private string Detail(string text)
    {
        string flat = redactor.Redact(text).ReplaceLineEndings(" ").Trim();
        return flat.Length > MaxDetail ? flat[..MaxDetail] + "..." : flat;
    }

    private static bool HasCause<T>(Exception error)
        where T : Exception
    {
        for (Exception? e = error; e is not null; e = e.InnerException)
        {
            if (e is T)
            {
                return true;
            }
        }

        return false;
    }

    private static Exception Innermost(Exception error)
    {
        var e = error;
        while (e.InnerException is not null)
        {
            e = e.InnerException;
        }

        return e;
    }
}
