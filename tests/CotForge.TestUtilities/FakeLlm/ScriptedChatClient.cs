using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace CotForge.TestUtilities.FakeLlm;

/// <summary>One call received by a <see cref="ScriptedChatClient"/>.</summary>
/// <param name="Index">0-based order of arrival.</param>
/// <param name="At">The (possibly fake) time it arrived.</param>
/// <param name="Messages">The messages sent.</param>
/// <param name="Options">The options sent.</param>
public sealed record RecordedCall(int Index, DateTimeOffset At, IReadOnlyList<ChatMessage> Messages, ChatOptions? Options)
{
    /// <summary>All message text joined by newlines.</summary>
    public string Text => string.Join("\n", Messages.Select(m => m.Text));
}

/// <summary>
/// An in-memory <see cref="IChatClient"/> whose every answer comes from a test-supplied <see cref="Responder"/>, and
/// which records each call with the time it arrived: the thing to put under middleware in unit tests.
/// </summary>
public sealed class ScriptedChatClient : IChatClient
{
    private readonly ConcurrentQueue<RecordedCall> _calls = new();
    private readonly TimeProvider _timeProvider;
    private int _count;
    private int _inFlight;
    private int _maxInFlight;

    /// <summary>Creates a client answering "ok" until <see cref="Responder"/> is set.</summary>
    public ScriptedChatClient(TimeProvider? timeProvider = null) => _timeProvider = timeProvider ?? TimeProvider.System;

    /// <summary>Produces the reply (or throws) for a call; default replies "ok" with 10 input and 2 output tokens.</summary>
    public Func<RecordedCall, CancellationToken, Task<ChatResponse>> Responder { get; set; } = (_, _) => Task.FromResult(Reply("ok", 10, 2));

    /// <summary>Calls received so far, in arrival order.</summary>
    public IReadOnlyList<RecordedCall> Calls => _calls.OrderBy(c => c.Index).ToList();

    /// <summary>Number of calls received so far.</summary>
    public int CallCount => Volatile.Read(ref _count);

    /// <summary>Most calls that were in progress at the same time.</summary>
    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    /// <summary>Calls in progress now.</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>A reply with <paramref name="text"/> and, when given, reported usage.</summary>
    public static ChatResponse Reply(string text, long? inputTokens = null, long? outputTokens = null, string? modelId = null) =>
        new(new ChatMessage(ChatRole.Assistant, text))
        {
            ModelId = modelId,
            FinishReason = ChatFinishReason.Stop,
            Usage = inputTokens is null && outputTokens is null
                ? null
                : new UsageDetails { InputTokenCount = inputTokens, OutputTokenCount = outputTokens, TotalTokenCount = (inputTokens ?? 0) + (outputTokens ?? 0) },
        };

    /// <inheritdoc />
    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var call = new RecordedCall(Interlocked.Increment(ref _count) - 1, _timeProvider.GetUtcNow(), messages.ToList(), options);
        _calls.Enqueue(call);
        int now = Interlocked.Increment(ref _inFlight);
        int seen;
        while (now > (seen = Volatile.Read(ref _maxInFlight)) && Interlocked.CompareExchange(ref _maxInFlight, now, seen) != seen)
        {
        }

        try
        {
            return await Responder(call, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var update in (await GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false)).ToChatResponseUpdates())
        {
            yield return update;
        }
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null) => serviceType.IsInstanceOfType(this) ? this : null;

    /// <inheritdoc />
    public void Dispose()
    {
    }
}
