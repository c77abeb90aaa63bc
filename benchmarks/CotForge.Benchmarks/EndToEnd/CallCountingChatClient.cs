using System.Diagnostics;
using System.Collections.Concurrent;
using CotForge.Core.Items;
using CotForge.Core.Prompts;
using Microsoft.Extensions.AI;

namespace CotForge.Benchmarks.EndToEnd;

/// <summary>
/// Counts model calls and, per item, the rounds of calls (a round starts when a call begins while none of the same
/// item is running). Naive search makes one call per round; beam search runs its candidates concurrently, so its
/// rounds, not its calls, set how long an item takes at a given latency. That is what the ideal throughput needs.
/// </summary>
internal sealed class CallCountingChatClient(IChatClient inner) : DelegatingChatClient(inner)
{
    private readonly ConcurrentDictionary<string, int> _running = new(StringComparer.Ordinal);
    private long _calls;
    private long _rounds;
    private long _inFlight;
    private long _peakInFlight;
    private readonly long[] _callsByKind = new long[Enum.GetValues<PromptKind>().Length];
    private long _inputTokens;
    private long _outputTokens;
    private long _callTicks;

    /// <summary>Calls made so far.</summary>
    public long Calls => Interlocked.Read(ref _calls);

    /// <summary>Rounds of calls summed over items (calls outside an item count as a round each).</summary>
    public long Rounds => Interlocked.Read(ref _rounds);

    /// <summary>Calls whose prompt is of <paramref name="kind"/> (read from the prompt's marker line).</summary>
    public long CallsOf(PromptKind kind) => Interlocked.Read(ref _callsByKind[(int)kind]);

    /// <summary>Input tokens the provider reported.</summary>
    public long InputTokens => Interlocked.Read(ref _inputTokens);

    /// <summary>Output tokens the provider reported.</summary>
    public long OutputTokens => Interlocked.Read(ref _outputTokens);

    /// <summary>Time from the start of a call to its reply reaching the caller, summed over calls.</summary>
    public TimeSpan CallTime => Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _callTicks));

    /// <summary>Most calls running at the same time.</summary>
    public long PeakInFlight => Interlocked.Read(ref _peakInFlight);

    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _calls);
        foreach (ChatMessage message in messages)
        {
            if (PromptReader.TryGetKind(message.Text, out PromptKind kind))
            {
                Interlocked.Increment(ref _callsByKind[(int)kind]);
                break;
            }
        }

        long now = Interlocked.Increment(ref _inFlight);
        long peak;
        while (now > (peak = Interlocked.Read(ref _peakInFlight)) && Interlocked.CompareExchange(ref _peakInFlight, now, peak) != peak)
        {
        }

        string? id = ItemContext.Current?.Id;
        if (id is null || _running.AddOrUpdate(id, 1, static (_, n) => n + 1) == 1)
        {
            Interlocked.Increment(ref _rounds);
        }

        long started = Stopwatch.GetTimestamp();
        try
        {
            ChatResponse response = await base.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
            Interlocked.Add(ref _inputTokens, response.Usage?.InputTokenCount ?? 0);
            Interlocked.Add(ref _outputTokens, response.Usage?.OutputTokenCount ?? 0);
            return response;
        }
        finally
        {
            Interlocked.Add(ref _callTicks, Stopwatch.GetTimestamp() - started);
            Interlocked.Decrement(ref _inFlight);
            if (id is not null && _running.AddOrUpdate(id, 0, static (_, n) => n - 1) == 0)
            {
                _running.TryRemove(new KeyValuePair<string, int>(id, 0));
            }
        }
    }
}
