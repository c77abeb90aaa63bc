using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace CotForge.Llm;

/// <summary>
/// Base of our middleware. A policy (retry, limit, budget, cache) must see a call as one unit with one outcome, which a
/// stream is not; so a streaming call is served by a non-streaming one and replayed as updates. The engine only makes
/// non-streaming calls, and a caller who streams still gets every policy applied.
/// </summary>
internal abstract class PolicyChatClient(IChatClient innerClient) : DelegatingChatClient(innerClient)
{
    /// <inheritdoc />
    public sealed override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var response = await GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        foreach (var update in response.ToChatResponseUpdates())
        {
            yield return update;
        }
    }

    /// <summary>The messages as a list that can be read more than once (retries, keys, estimates).</summary>
    protected static IReadOnlyList<ChatMessage> Materialize(IEnumerable<ChatMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        return messages as IReadOnlyList<ChatMessage> ?? messages.ToList();
    }
}
