using Microsoft.Extensions.AI;

namespace CotForge.Benchmarks.Pipeline;

/// <summary>Counts model calls, to turn a measured rate into an efficiency against the ideal.</summary>
internal sealed class CountingChatClient(IChatClient inner) : DelegatingChatClient(inner)
{
    private long _calls;

    public long Calls => Interlocked.Read(ref _calls);

    public override Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _calls);
        return base.GetResponseAsync(messages, options, cancellationToken);
    }
}
