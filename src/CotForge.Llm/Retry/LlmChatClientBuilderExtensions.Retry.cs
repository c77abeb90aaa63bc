using Microsoft.Extensions.AI;

namespace CotForge.Llm;

/// <summary><c>UseX</c> extensions adding the LLM layer's middleware to a <see cref="ChatClientBuilder"/>.</summary>
public static partial class LlmChatClientBuilderExtensions
{
    /// <summary>Retries transient failures with exponential backoff and jitter, honouring Retry-After (see <see cref="LlmRetryOptions"/>).</summary>
    public static ChatClientBuilder UseLlmRetry(this ChatClientBuilder builder, LlmRetryOptions? options = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Use(inner => new RetryChatClient(inner, options ?? new LlmRetryOptions(), timeProvider ?? TimeProvider.System));
    }
}
