using Microsoft.Extensions.AI;
using Polly.CircuitBreaker;

namespace CotForge.Llm;

/// <summary>Runs each attempt through the endpoint's <see cref="LlmCircuitBreaker"/>.</summary>
internal sealed class CircuitBreakerChatClient(IChatClient innerClient, LlmCircuitBreaker breaker) : PolicyChatClient(innerClient)
{
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        try
        {
            return await breaker.Pipeline.ExecuteAsync(
                static (state, token) => new ValueTask<ChatResponse>(state.Inner.GetResponseAsync(state.Messages, state.Options, token)),
                (Inner: InnerClient, Messages: messages, Options: options),
                cancellationToken).ConfigureAwait(false);
        }
        catch (BrokenCircuitException e)
        {
            throw new LlmUnavailableException(breaker.Endpoint, e.RetryAfter);
        }
    }
}
