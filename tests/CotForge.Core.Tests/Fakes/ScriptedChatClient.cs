using System.Collections.Concurrent;
using CotForge.Core.Prompts;
using Microsoft.Extensions.AI;

namespace CotForge.Core.Tests.Fakes;

/// <summary>
/// A chat client whose replies are scripted per prompt kind: queued replies first, then a handler. It records every
/// call with the options and cancellation token it was given, so tests can see exactly what reached the model.
/// </summary>
internal sealed class ScriptedChatClient : IChatClient
{
    private readonly ConcurrentDictionary<PromptKind, ConcurrentQueue<string>> _queues = new();
    private readonly ConcurrentDictionary<PromptKind, Func<ScriptedCall, string>> _handlers = new();
    private readonly ConcurrentQueue<ScriptedCall> _calls = new();
    private int _index = -1;

    /// <summary>Runs before each reply (after the call is recorded): use it to block, count concurrency or throw.</summary>
    public Func<ScriptedCall, CancellationToken, Task>? BeforeReply { get; set; }

    public string ModelId { get; set; } = "scripted-model";

    public IReadOnlyList<ScriptedCall> Calls => [.. _calls.OrderBy(c => c.Index)];

    public IReadOnlyList<ScriptedCall> CallsOf(PromptKind kind) => [.. Calls.Where(c => c.Kind == kind)];

    public ScriptedChatClient On(PromptKind kind, Func<ScriptedCall, string> handler)
    {
        _handlers[kind] = handler;
        return this;
    }

    public ScriptedChatClient Enqueue(PromptKind kind, params string[] replies)
    {
        var queue = _queues.GetOrAdd(kind, _ => new ConcurrentQueue<string>());
        foreach (string reply in replies)
        {
            queue.Enqueue(reply);
        }

        return this;
    }

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        string prompt = string.Join("\n", messages.Select(m => m.Text));
        if (!PromptReader.TryGetKind(prompt, out var kind))
        {
            throw new InvalidOperationException("The prompt does not start with a [cotforge:...] marker.");
        }

        var call = new ScriptedCall(Interlocked.Increment(ref _index), kind, prompt, options, cancellationToken);
        _calls.Enqueue(call);
        cancellationToken.ThrowIfCancellationRequested();
        if (BeforeReply is not null)
        {
            await BeforeReply(call, cancellationToken);
        }

        string text;
        if (_queues.TryGetValue(kind, out var queue) && queue.TryDequeue(out var queued))
        {
            text = queued;
        }
        else if (_handlers.TryGetValue(kind, out var handler))
        {
            text = handler(call);
        }
        else
        {
            throw new InvalidOperationException($"No scripted reply for a {kind} prompt.");
        }

        return new ChatResponse(new ChatMessage(ChatRole.Assistant, text))
        {
            ModelId = ModelId,
            Usage = new UsageDetails { InputTokenCount = 100, OutputTokenCount = 20, TotalTokenCount = 120 },
        };
    }

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("The engine never streams.");

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}
