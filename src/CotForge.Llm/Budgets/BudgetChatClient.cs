using Microsoft.Extensions.AI;

namespace CotForge.Llm;

/// <summary>
/// Refuses a call with <see cref="BudgetExceededException"/> before it is sent once the run's budget is spent, and
/// charges every completed call. A call already past this check completes (retries included) even if others spend the
/// budget meanwhile, so in-flight work is never thrown away.
/// </summary>
internal sealed class BudgetChatClient(IChatClient innerClient, BudgetTracker tracker, string model) : PolicyChatClient(innerClient)
{
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        tracker.ThrowIfExhausted();
        var list = Materialize(messages);
        var response = await InnerClient.GetResponseAsync(list, options, cancellationToken).ConfigureAwait(false);
        var (input, output, _) = UsageReader.Read(response, list);
        tracker.Charge(UsageReader.ModelOf(options, model), input, output);
        return response;
    }
}
