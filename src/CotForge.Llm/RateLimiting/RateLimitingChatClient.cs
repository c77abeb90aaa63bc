using Microsoft.Extensions.AI;

namespace CotForge.Llm;

/// <summary>Holds each attempt until the endpoint's <see cref="EndpointRateLimiter"/> allows it, then settles its tokens.</summary>
/// <remarks>The limiter is looked up per call so an endpoint's limits can be settled after its first clients were built.</remarks>
internal sealed class RateLimitingChatClient(IChatClient innerClient, Func<EndpointRateLimiter?> limiterAccessor) : PolicyChatClient(innerClient)
{
    public RateLimitingChatClient(IChatClient innerClient, EndpointRateLimiter limiter)
        : this(innerClient, () => limiter)
    {
    }

    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        if (limiterAccessor() is not { } limiter)
        {
            return await InnerClient.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        }

        var list = Materialize(messages);
        long reserved = TokenEstimator.Estimate(list) + (options?.MaxOutputTokens ?? 0);
        await limiter.AcquireAsync(reserved, cancellationToken).ConfigureAwait(false);
        var response = await InnerClient.GetResponseAsync(list, options, cancellationToken).ConfigureAwait(false);
        var (input, output, _) = UsageReader.Read(response, list);
        await limiter.AcquireTokensAsync(input + output - reserved, cancellationToken).ConfigureAwait(false);
        return response;
    }
}
