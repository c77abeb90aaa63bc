using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Polly;
using Polly.Retry;

namespace CotForge.Llm;

/// <summary>
/// Retries transient failures (<see cref="LlmTransientException"/>: 408/429/5xx, timeouts, transport errors, garbled
/// envelopes) with a Polly v8 pipeline, honouring Retry-After. Everything else passes through at once: rejected
/// requests (400/401/403/404), an open circuit, a spent budget, cancellation. Unparseable model output is a successful
/// call here; the engine retries it with its own rules.
/// </summary>
internal sealed class RetryChatClient : PolicyChatClient
{
    private readonly ResiliencePipeline _pipeline;

    public RetryChatClient(IChatClient innerClient, LlmRetryOptions options, TimeProvider timeProvider)
        : base(innerClient)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var builder = new ResiliencePipelineBuilder { TimeProvider = timeProvider };
        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxRetries,
                ShouldHandle = new PredicateBuilder().Handle<LlmTransientException>(),
                DelayGenerator = args => new ValueTask<TimeSpan?>(options.DelayFor(args.AttemptNumber, args.Outcome.Exception)),
            });
        }

        _pipeline = builder.Build();
    }

    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = Materialize(messages);
        var attempts = new StrongBox<int>();
        try
        {
            return await _pipeline.ExecuteAsync(
                static async (state, token) =>
                {
                    state.Attempts.Value++;
                    return await state.Inner.GetResponseAsync(state.Messages, state.Options, token).ConfigureAwait(false);
                },
                (Inner: InnerClient, Messages: list, Options: options, Attempts: attempts),
                cancellationToken).ConfigureAwait(false);
        }
        catch (LlmException e)
        {
            e.Attempts = Math.Max(e.Attempts, attempts.Value);
            throw;
        }
    }
}
