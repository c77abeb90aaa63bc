using Microsoft.Extensions.AI;

namespace CotForge.Llm;

public static partial class LlmChatClientBuilderExtensions
{
    /// <summary>Refuses calls once <paramref name="tracker"/>'s budget is spent and charges completed ones.</summary>
    public static ChatClientBuilder UseBudget(this ChatClientBuilder builder, BudgetTracker tracker, string model)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(tracker);
        ArgumentException.ThrowIfNullOrEmpty(model);
        return builder.Use(inner => new BudgetChatClient(inner, tracker, model));
    }
}
