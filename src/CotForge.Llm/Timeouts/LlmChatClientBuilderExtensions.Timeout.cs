using Microsoft.Extensions.AI;

namespace CotForge.Llm;

public static partial class LlmChatClientBuilderExtensions
{
    /// <summary>Limits each call to <paramref name="timeout"/>, turning expiry into <see cref="LlmTimeoutException"/>.</summary>
    public static ChatClientBuilder UseLlmTimeout(this ChatClientBuilder builder, TimeSpan timeout, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Use(inner => new TimeoutChatClient(inner, timeout, timeProvider ?? TimeProvider.System));
    }
}
