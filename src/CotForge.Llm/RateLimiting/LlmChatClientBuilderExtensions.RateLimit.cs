using Microsoft.Extensions.AI;

namespace CotForge.Llm;

public static partial class LlmChatClientBuilderExtensions
{
    /// <summary>Holds calls to the RPM/TPM limits of <paramref name="limiter"/>; share one instance per endpoint.</summary>
    public static ChatClientBuilder UseEndpointRateLimit(this ChatClientBuilder builder, EndpointRateLimiter limiter)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(limiter);
        return builder.Use(inner => new RateLimitingChatClient(inner, limiter));
    }
}
