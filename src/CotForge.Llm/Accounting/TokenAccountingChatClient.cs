using Microsoft.Extensions.AI;

namespace CotForge.Llm;

/// <summary>Records each successful call's usage in the <see cref="TokenLedger"/> under its role and model.</summary>
internal sealed class TokenAccountingChatClient(IChatClient innerClient, TokenLedger ledger, string role, string model) : PolicyChatClient(innerClient)
{
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = Materialize(messages);
        var response = await InnerClient.GetResponseAsync(list, options, cancellationToken).ConfigureAwait(false);
        var (input, output, estimated) = UsageReader.Read(response, list);
        ledger.Record(role, UsageReader.ModelOf(options, model), input, output, estimated);
        return response;
    }
}
