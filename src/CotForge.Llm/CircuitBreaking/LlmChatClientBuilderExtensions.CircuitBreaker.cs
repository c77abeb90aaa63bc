using Microsoft.Extensions.AI;

namespace CotForge.Llm;

public static partial class LlmChatClientBuilderExtensions
{
    /// <summary>Runs calls through <paramref name="breaker"/>; pass the same instance to every client of one endpoint.</summary>
    public static ChatClientBuilder UseLlmCircuitBreaker(this ChatClientBuilder builder, LlmCircuitBreaker breaker)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(breaker);
        return builder.Use(inner => new CircuitBreakerChatClient(inner, breaker));
    }
}
