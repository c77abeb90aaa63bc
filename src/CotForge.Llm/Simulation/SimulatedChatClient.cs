using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json.Nodes;
using CotForge.Core.Items;
using CotForge.Core.Prompts;
using Microsoft.Extensions.AI;

namespace CotForge.Llm.Simulation;

/// <summary>
/// The offline provider: reads the engine's prompts (<see cref="PromptProtocol"/>) and answers each kind in its
/// expected format, using the ground truth of <see cref="ItemContext.Current"/> as its oracle. Strategy steps conclude
/// with the ground truth with probability <c>BaseCorrectness + CorrectnessPerDepth × depth</c>; judges compare the
/// answers they are shown; latency and faults are injected as configured.
/// </summary>
/// <remarks>
/// Deterministic for a seed: every draw is seeded from a hash of (seed, item id, prompt, <see cref="ChatOptions.Seed"/>)
/// and a per-prompt attempt number, never from the order of calls, so concurrency does not change results. Retrying a
/// faulted call draws a new fault but the same answer the faulted call would have given.
/// </remarks>
public sealed partial class SimulatedChatClient : IChatClient
{
    private const ulong LatencyStream = 1;
    private const ulong FaultStream = 2;
    private const ulong ContentStream = 3;

    // ItemContext is immutable, so its id's hash can be kept with the instance it came from.
    [ThreadStatic]
    private static ItemContext? t_item;

    [ThreadStatic]
    private static ulong t_itemKey;

    private readonly TimeProvider _timeProvider;
    private readonly AttemptCounters _attempts = new();
    private readonly (SimulatedFault Fault, double Weight)[] _faults;
    private readonly double _faultWeightTotal;
    private readonly ChatClientMetadata _metadata;
    private readonly string _modelId;

    /// <summary>Creates a simulated client answering as model <paramref name="model"/>.</summary>
    public SimulatedChatClient(SimulationOptions options, string model = "default", TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(model);
        options.Validate();
        Options = options;
        Model = model;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _faults = options.FaultMix.Where(p => p.Value > 0).OrderBy(p => p.Key).Select(p => (p.Key, p.Value)).ToArray();
        _faultWeightTotal = _faults.Sum(f => f.Weight);
        _modelId = ModelIdFor(model);
        _metadata = new ChatClientMetadata(LlmProviders.Simulated, null, _modelId);
    }

    /// <summary>The options this client was created with.</summary>
    public SimulationOptions Options { get; }

    /// <summary>The model name it answers as (reported as <c>simulated-&lt;model&gt;</c>).</summary>
    public string Model { get; }

    /// <summary>What this client is, for config.json: marked <c>"simulated": true</c>.</summary>
    public JsonObject Describe()
    {
        var json = Options.Describe();
        json["provider"] = LlmProviders.Simulated;
        json["model"] = ModelIdFor(Model);
        return json;
    }

    /// <inheritdoc />
    /// <remarks>
    /// Without latency to wait for (the benchmarks and the README demo) the call completes synchronously: no state
    /// machine, no continuation; faults still arrive as a faulted task, as they would from an awaited call.
    /// </remarks>
    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        try
        {
            ArgumentNullException.ThrowIfNull(messages);
            if (cancellationToken.IsCancellationRequested)
            {
                return Task.FromCanceled<ChatResponse>(cancellationToken);
            }

            var call = Begin(messages, options);
            bool hangs = call.Fault == SimulatedFault.Timeout && Options.TimeoutFaultDelay > TimeSpan.Zero;
            return call.Latency > TimeSpan.Zero || hangs
                ? CompleteLaterAsync(call, cancellationToken)
                : Task.FromResult(Complete(in call));
        }
        catch (Exception e)
        {
            return Task.FromException<ChatResponse>(e);
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var response = await GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        foreach (var update in response.ToChatResponseUpdates())
        {
            yield return update;
        }
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(ChatClientMetadata) ? _metadata
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    /// <inheritdoc />
    public void Dispose()
    {
    }

    /// <summary>Everything decided about a call before its latency: the prompt, its key and attempt, latency and fault.</summary>
    private Call Begin(IEnumerable<ChatMessage> messages, ChatOptions? options)
    {
        var list = messages as IReadOnlyList<ChatMessage> ?? messages.ToList();
        string prompt = JoinText(list);
        var item = ItemContext.Current;
        ulong key = KeyOf(prompt, item, options);
        int attempt = _attempts.NextAttempt(key);
        var latencyRandom = DeterministicRandom.For(key, LatencyStream, (ulong)attempt);
        var faultRandom = DeterministicRandom.For(key, FaultStream, (ulong)attempt);
        var latency = DrawLatency(ref latencyRandom);
        var fault = DrawFault(ref faultRandom);
        return new Call(list, prompt, item, options, key, attempt, latency, fault, faultRandom);
    }

    private async Task<ChatResponse> CompleteLaterAsync(Call call, CancellationToken cancellationToken)
    {
        if (call.Latency > TimeSpan.Zero)
        {
            await DelayAsync(call.Latency, cancellationToken).ConfigureAwait(false);
        }

        if (call.Fault == SimulatedFault.Timeout && Options.TimeoutFaultDelay > TimeSpan.Zero)
        {
            await DelayAsync(Options.TimeoutFaultDelay, cancellationToken).ConfigureAwait(false);
        }

        return Complete(in call);
    }

    /// <summary>
    /// Waits <paramref name="delay"/> on this client's clock: on the system clock through <see cref="DueTimeScheduler"/>,
    /// which ends it a fraction of a millisecond after the configured latency on Linux and macOS and about a
    /// millisecond after it elsewhere (the runtime's timers ran ~2 ms long on a 50 ms wait); on any other clock (a test's fake time) through <see cref="Task.Delay(TimeSpan, TimeProvider, CancellationToken)"/>.
    /// </summary>
    private Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken) =>
        ReferenceEquals(_timeProvider, TimeProvider.System)
            ? DueTimeScheduler.Shared.WaitAsync(delay, cancellationToken)
            : Task.Delay(delay, _timeProvider, cancellationToken);

    /// <summary>The reply to a call whose waiting is over, or the exception of its fault.</summary>
    private ChatResponse Complete(in Call call)
    {
        switch (call.Fault)
        {
            case SimulatedFault.RateLimited:
                throw new LlmTransientException(LlmErrorKinds.RateLimited, $"Simulated HTTP 429 (Too Many Requests); retry after {Options.RetryAfter.TotalSeconds:0.###} s.", 429, Options.RetryAfter);
            case SimulatedFault.ServerError:
                throw new LlmTransientException(LlmErrorKinds.ServerError, "Simulated HTTP 500 (Internal Server Error).", 500);
            case SimulatedFault.ServiceUnavailable:
                throw new LlmTransientException(LlmErrorKinds.ServerError, "Simulated HTTP 503 (Service Unavailable).", 503);
            case SimulatedFault.Timeout:
                throw new LlmTimeoutException(Options.TimeoutFaultDelay, "Simulated timeout: the endpoint did not answer.");
        }

        // A garbled reply spoils the answer this attempt would have given without consuming it, so the clean retry
        // gives exactly that answer and faults never change what a run concludes.
        int answer = _attempts.NextAnswer(call.Key, consume: call.Fault is null);
        var contentRandom = DeterministicRandom.For(call.Key, ContentStream, (ulong)answer);
        string text = Reply(PromptReader.DetectKind(call.Prompt), call.Prompt, call.Item, call.Key, ref contentRandom);
        var finish = ChatFinishReason.Stop;
        if (call.Fault is { } garble)
        {
            var faultRandom = call.FaultRandom;
            (text, finish) = Garble(garble, text, ref faultRandom);
        }

        // One message (what the engine sends) is the prompt itself: no second pass over its contents.
        long input = call.Messages.Count == 1 ? 4 + TokenEstimator.Estimate(call.Prompt) : TokenEstimator.Estimate(call.Messages);
        long output = TokenEstimator.Estimate(text);
        string? requested = call.Options?.ModelId;
        return new ChatResponse(new ChatMessage(ChatRole.Assistant, text))
        {
            ModelId = requested is null || requested == Model ? _modelId : ModelIdFor(requested),
            FinishReason = finish,
            CreatedAt = _timeProvider.GetUtcNow(),
            ResponseId = ResponseIdFor(call.Key, call.Attempt),
            Usage = new UsageDetails { InputTokenCount = input, OutputTokenCount = output, TotalTokenCount = input + output },
        };
    }

    /// <summary><c>sim-{key:x16}-{attempt}</c>, written directly: the general formatter's hex path showed in profiles.</summary>
    private static string ResponseIdFor(ulong key, int attempt)
    {
        Span<char> id = stackalloc char[4 + 16 + 1 + 11];
        "sim-".CopyTo(id);
        for (int i = 0; i < 16; i++)
        {
            int digit = (int)(key >> (60 - (4 * i))) & 0xF;
            id[4 + i] = (char)(digit < 10 ? '0' + digit : 'a' + digit - 10);
        }

        id[20] = '-';
        attempt.TryFormat(id[21..], out int written, default, CultureInfo.InvariantCulture);
        return new string(id[..(21 + written)]);
    }

    internal static string ModelIdFor(string model) =>
        model.StartsWith(LlmProviders.Simulated + "-", StringComparison.Ordinal) ? model : LlmProviders.Simulated + "-" + model;

    private string Reply(PromptKind? kind, string prompt, ItemContext? item, ulong key, ref DeterministicRandom random)
    {
        string? oracle = item?.GroundTruth ?? PromptReader.Section(prompt, PromptProtocol.GroundTruthTag);
        switch (kind)
        {
            case PromptKind.StrategyStep:
                int depth = PromptReader.TryGetSection(prompt, PromptProtocol.PreviousReasoningTag, out var previous) ? PromptSpans.CountConclusions(previous) : 0;
                double correctness = Math.Min(1.0, Options.BaseCorrectness + (Options.CorrectnessPerDepth * depth));
                // Without an oracle there is nothing right to say; invent a stable answer for the prompt.
                string truth = oracle ?? ((key % 997) + 3).ToString(CultureInfo.InvariantCulture);
                string answer = random.NextDouble() < correctness ? truth : AnswerText.MakeWrong(truth, ref random);
                return SimulatedReplies.StrategyStep(prompt, answer, ref random);
            case PromptKind.Verification:
                return SimulatedReplies.Verification(prompt, oracle, strict: false);
            case PromptKind.StrictVerification:
                return SimulatedReplies.Verification(prompt, oracle, strict: true);
            case PromptKind.Scoring:
                return SimulatedReplies.Scoring(prompt, oracle, ref random);
            case PromptKind.NaturalReasoning:
                return SimulatedReplies.NaturalReasoning(prompt, ref random);
            case PromptKind.FormalAnswer:
                return SimulatedReplies.FormalAnswer(prompt, oracle);
            default:
                return SimulatedReplies.Unrecognised(prompt);
        }
    }

    private TimeSpan DrawLatency(ref DeterministicRandom random)
    {
        if (Options.Latency <= TimeSpan.Zero)
        {
            return TimeSpan.Zero;
        }

        if (!Options.LongTailLatency)
        {
            return Options.Latency;
        }

        // Log-normal around the configured median, capped so one draw cannot stall a run for hours.
        double factor = Math.Min(Math.Exp(Options.LatencySigma * random.NextGaussian()), 50.0);
        return TimeSpan.FromTicks((long)(Options.Latency.Ticks * factor));
    }

    private SimulatedFault? DrawFault(ref DeterministicRandom random)
    {
        if (Options.ErrorRate <= 0 || random.NextDouble() >= Options.ErrorRate)
        {
            return null;
        }

        double pick = random.NextDouble() * _faultWeightTotal;
        foreach (var (fault, weight) in _faults)
        {
            if (pick < weight)
            {
                return fault;
            }

            pick -= weight;
        }

        return _faults[^1].Fault;
    }

    private static (string Text, ChatFinishReason Finish) Garble(SimulatedFault fault, string text, ref DeterministicRandom random)
    {
        switch (fault)
        {
            case SimulatedFault.EmptyReply:
                return (string.Empty, ChatFinishReason.Stop);
            case SimulatedFault.TruncatedJson:
                int cut = Math.Max(1, (int)(text.Length * random.NextDouble(0.2, 0.8)));
                return (text[..Math.Min(cut, text.Length - 1)], ChatFinishReason.Length);
            default:
                // Malformed: drop the quote closing the first key, as sloppy generators do, then add stray prose.
                int quote = text.IndexOf("\":", StringComparison.Ordinal);
                string broken = quote > 0 ? text.Remove(quote, 1) : "{" + text;
                return (broken + " I hope this helps!", ChatFinishReason.Stop);
        }
    }

    /// <summary>
    /// The key of every draw for a call: (seed, item id, <see cref="ChatOptions.Seed"/>, prompt) through
    /// <see cref="PromptHash"/>. A missing item or options seed is kept apart from an empty id or a zero seed.
    /// </summary>
    private ulong KeyOf(string prompt, ItemContext? item, ChatOptions? options)
    {
        ulong header = PromptHash.Combine(PromptHash.Combine((ulong)(long)Options.Seed, 0), item is null ? 0 : ItemKeyOf(item));
        header = PromptHash.Combine(header, options?.Seed is { } seed ? PromptHash.Combine((ulong)seed, 1) : 0);
        return PromptHash.Of(prompt, header);
    }

    /// <summary>The hash of an item's id, remembered per thread: an item makes several calls in a row.</summary>
    private static ulong ItemKeyOf(ItemContext item)
    {
        if (!ReferenceEquals(item, t_item))
        {
            t_itemKey = PromptHash.Of(item.Id, 1);
            t_item = item;
        }

        return t_itemKey;
    }

    private static string JoinText(IReadOnlyList<ChatMessage> messages)
    {
        if (messages.Count == 1)
        {
            return messages[0].Text;
        }

        var builder = new StringBuilder();
        foreach (var message in messages)
        {
            builder.Append(message.Text).Append('\n');
        }

        return builder.ToString();
    }
}
