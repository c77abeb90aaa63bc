using Microsoft.Extensions.AI;

namespace CotForge.Llm;

public static partial class LlmChatClientBuilderExtensions
{
    /// <summary>Records each successful call's tokens in <paramref name="ledger"/> under <paramref name="role"/> and the call's model.</summary>
    public static ChatClientBuilder UseTokenAccounting(this ChatClientBuilder builder, TokenLedger ledger, string role, string model)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentException.ThrowIfNullOrEmpty(role);
        ArgumentException.ThrowIfNullOrEmpty(model);
        return builder.Use(inner => new TokenAccountingChatClient(inner, ledger, role, model));
    }
}
