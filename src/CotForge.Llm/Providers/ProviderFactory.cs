using System.ClientModel;
using System.ClientModel.Primitives;
using Anthropic;
using Anthropic.Core;
using Microsoft.Extensions.AI;
using OpenAI;
using OpenAI.Chat;

namespace CotForge.Llm.Providers;

/// <summary>
/// Creates the real providers as <see cref="IChatClient"/>s over a shared per-endpoint <see cref="HttpClient"/>, with
/// the SDKs' own retries off (our retry middleware is the only one, so attempts are counted, spaced and rate-limited
/// in one place) and their network timeouts set above ours (so our timeout, on the injected clock, fires first).
/// </summary>
internal static class ProviderFactory
{
    /// <summary>Margin above the per-call timeout for the SDK's own timeout, which is only a backstop.</summary>
    private static readonly TimeSpan SdkTimeoutMargin = TimeSpan.FromSeconds(30);

    /// <summary>Anthropic requires a reply limit; this is used when the role sets none.</summary>
    public const int AnthropicDefaultMaxTokens = 4096;

    public static HttpClient CreateHttpClient(TimeProvider timeProvider) =>
        new(new HttpExchangeObserver(timeProvider)) { Timeout = Timeout.InfiniteTimeSpan };

    public static IChatClient Create(LlmRoleSettings settings, string apiKey, HttpClient httpClient)
    {
        string baseUrl = settings.BaseUrl ?? LlmProviders.DefaultBaseUrl(settings.Provider)!;
        var inner = settings.Provider switch
        {
            LlmProviders.OpenAI => CreateOpenAI(settings, baseUrl, apiKey, httpClient),
            LlmProviders.Anthropic => CreateAnthropic(settings, baseUrl, apiKey, httpClient),
            _ => throw new ArgumentOutOfRangeException(nameof(settings), settings.Provider, "Not a remote provider."),
        };
        return new ProviderErrorChatClient(inner, settings.Provider, settings.EffectiveBaseUrl!, new SecretRedactor(apiKey));
    }

    private static IChatClient CreateOpenAI(LlmRoleSettings settings, string baseUrl, string apiKey, HttpClient httpClient)
    {
        var options = new OpenAIClientOptions
        {
            Endpoint = new Uri(baseUrl),
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            NetworkTimeout = settings.Timeout + SdkTimeoutMargin,
            Transport = new HttpClientPipelineTransport(httpClient),
        };
        return new ChatClient(settings.EffectiveModel, new ApiKeyCredential(apiKey), options).AsIChatClient();
    }

    private static IChatClient CreateAnthropic(LlmRoleSettings settings, string baseUrl, string apiKey, HttpClient httpClient)
    {
        // The SDK appends /v1/messages itself; accept a base URL given with the version segment too.
        string root = baseUrl.TrimEnd('/');
        if (root.EndsWith("/v1", StringComparison.OrdinalIgnoreCase))
        {
            root = root[..^3];
        }

        var client = new AnthropicClient(new ClientOptions
        {
            ApiKey = apiKey,
            BaseUrl = root,
            MaxRetries = 0,
            Timeout = settings.Timeout + SdkTimeoutMargin,
            HttpClient = httpClient,
        });
        return client.AsIChatClient(settings.EffectiveModel, settings.MaxOutputTokens ?? AnthropicDefaultMaxTokens);
    }
}
