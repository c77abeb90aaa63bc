using Microsoft.Extensions.AI;

namespace CotForge.Pipeline.Tests.Fakes;

/// <summary>Wraps a client and records the largest number of calls that were running at the same time.</summary>
internal sealed class ConcurrencyCountingChatClient(IChatClient inner) : DelegatingChatClient(inner)
{
    private int _running;
    private int _peak;

    public int Peak => Volatile.Read(ref _peak);

    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        int running = Interlocked.Increment(ref _running);
        int peak;
        while (running > (peak = Volatile.Read(ref _peak)) && Interlocked.CompareExchange(ref _peak, running, peak) != peak)
        {
        }

        try
        {
            return await base.GetResponseAsync(messages, options, cancellationToken);
        }
        finally
        {
            Interlocked.Decrement(ref _running);
        }
    }
}
