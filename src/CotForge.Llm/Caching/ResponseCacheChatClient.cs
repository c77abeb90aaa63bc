using Microsoft.Extensions.AI;

namespace CotForge.Llm;

/// <summary>
/// Answers a request seen before from the <see cref="ResponseCache"/> without calling anything below it (so a hit
/// spends no tokens, budget or rate-limit permit), and stores new complete replies.
/// </summary>
internal sealed class ResponseCacheChatClient(IChatClient innerClient, ResponseCache cache, string provider, string model, TokenLedger? ledger, string? role)
    : PolicyChatClient(innerClient)
{
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = Materialize(messages);
        string modelName = UsageReader.ModelOf(options, model);
        string key = ResponseCache.ComputeKey(provider, modelName, list, options);
        if (await cache.TryGetAsync(key, cancellationToken).ConfigureAwait(false) is { } hit)
        {
            if (ledger is not null && role is not null)
            {
                ledger.RecordCacheHit(role, modelName);
            }

            return hit.ToResponse();
        }

        var response = await InnerClient.GetResponseAsync(list, options, cancellationToken).ConfigureAwait(false);
        if (CacheAdmission.IsCacheable(response, list))
        {
            // The reply is already paid for: store it even if the caller gives up right now.
            await cache.SetAsync(key, CachedResponse.From(response), CancellationToken.None).ConfigureAwait(false);
        }

        return response;
    }
}
