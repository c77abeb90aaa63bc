using Microsoft.Extensions.AI;

namespace CotForge.Llm;

public static partial class LlmChatClientBuilderExtensions
{
    /// <summary>
    /// Serves repeated requests from <paramref name="cache"/> and stores complete new replies; hits are counted in
    /// <paramref name="ledger"/> under <paramref name="role"/> when both are given.
    /// </summary>
    public static ChatClientBuilder UseResponseCache(this ChatClientBuilder builder, ResponseCache cache, string provider, string model, TokenLedger? ledger = null, string? role = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(cache);
        ArgumentException.ThrowIfNullOrEmpty(provider);
        ArgumentException.ThrowIfNullOrEmpty(model);
        return builder.Use(inner => new ResponseCacheChatClient(inner, cache, provider, model, ledger, role));
    }
}
