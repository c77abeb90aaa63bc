using Microsoft.Extensions.AI;

namespace CotForge.Llm;

/// <summary>Holds each attempt until the endpoint's <see cref="AdaptiveConcurrencyLimiter"/> has a slot, and reports its outcome.</summary>
/// <remarks>The limiter is looked up per call so an endpoint's limits can be settled after its first clients were built.</remarks>
internal sealed class AdaptiveConcurrencyChatClient(IChatClient innerClient, Func<AdaptiveConcurrencyLimiter?> limiterAccessor) : PolicyChatClient(innerClient)
{
    public AdaptiveConcurrencyChatClient(IChatClient innerClient, AdaptiveConcurrencyLimiter limiter)
        : this(innerClient, () => limiter)
    {
    }

    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        if (limiterAccessor() is not { } limiter)
        {
            return await InnerClient.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        }

        await limiter.AcquireAsync(cancellationToken).ConfigureAwait(false);
        var outcome = AdaptiveConcurrencyLimiter.CallOutcome.Neutral;
        try
        {
            var response = await InnerClient.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
            outcome = AdaptiveConcurrencyLimiter.CallOutcome.Succeeded;
            return response;
        }
        catch (LlmTransientException e) when (e.StatusCode == 429)
        {
            outcome = AdaptiveConcurrencyLimiter.CallOutcome.Throttled;
            throw;
        }
        finally
        {
            limiter.Release(outcome);
        }
    }
}
