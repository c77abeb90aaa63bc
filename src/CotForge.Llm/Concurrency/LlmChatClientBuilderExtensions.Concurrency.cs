using Microsoft.Extensions.AI;

namespace CotForge.Llm;

public static partial class LlmChatClientBuilderExtensions
{
    /// <summary>Holds calls to the adaptive concurrency limit of <paramref name="limiter"/>; share one instance per endpoint.</summary>
    public static ChatClientBuilder UseAdaptiveConcurrency(this ChatClientBuilder builder, AdaptiveConcurrencyLimiter limiter)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(limiter);
        return builder.Use(inner => new AdaptiveConcurrencyChatClient(inner, limiter));
    }
}
