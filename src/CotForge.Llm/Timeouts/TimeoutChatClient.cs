using Microsoft.Extensions.AI;

namespace CotForge.Llm;

/// <summary>
/// Gives each attempt <c>timeout</c> on the injected clock and turns an expiry into <see cref="LlmTimeoutException"/>
/// (transient, so the retry middleware tries again). The caller's own cancellation stays an
/// <see cref="OperationCanceledException"/>. Any other cancellation from below (an SDK's network timeout) is a timeout too.
/// </summary>
internal sealed class TimeoutChatClient : PolicyChatClient
{
    private readonly TimeSpan _timeout;
    private readonly TimeProvider _timeProvider;

    public TimeoutChatClient(IChatClient innerClient, TimeSpan timeout, TimeProvider timeProvider)
        : base(innerClient)
    {
        if (timeout <= TimeSpan.Zero)
        {
            throw new LlmConfigurationException($"'Timeout' must be positive; was {timeout}.");
        }

        _timeout = timeout;
        _timeProvider = timeProvider;
    }

    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var timer = _timeProvider.CreateTimer(static state => CancelQuietly((CancellationTokenSource)state!), linked, _timeout, Timeout.InfiniteTimeSpan);
        try
        {
            return await InnerClient.GetResponseAsync(messages, options, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new LlmTimeoutException(_timeout);
        }
    }

    private static void CancelQuietly(CancellationTokenSource source)
    {
        try
        {
            source.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The call finished and disposed the source just as the timer fired: nothing to cancel.
        }
    }
}
