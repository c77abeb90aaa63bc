using CotForge.Llm;
using Microsoft.Extensions.AI;

namespace CotForge.Pipeline.Tests.Fakes;

/// <summary>
/// Wraps a client: after <c>allowedCalls</c> calls it either throws <see cref="BudgetExceededException"/> or hangs
/// until its cancellation token fires (proving the token reaches the model call).
/// </summary>
internal sealed class GatedChatClient(IChatClient inner, int allowedCalls, bool hang) : DelegatingChatClient(inner)
{
    private int _calls;

    public int Calls => Volatile.Read(ref _calls);

    public int CancelledCalls;

    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        if (Interlocked.Increment(ref _calls) > allowedCalls)
        {
            if (!hang)
            {
                throw new BudgetExceededException("max_total_tokens", allowedCalls, allowedCalls);
            }

            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                Interlocked.Increment(ref CancelledCalls);
                throw;
            }
        }

        return await base.GetResponseAsync(messages, options, cancellationToken);
    }
}
