using Polly;
using Polly.CircuitBreaker;

namespace CotForge.Llm;

/// <summary>
/// The circuit breaker of one endpoint, shared by every role that calls it (a Polly v8 circuit breaker on the injected
/// clock). Server errors, timeouts and transport errors count as failures; 429s and rejected requests do not, since
/// they show a live endpoint. While open, calls fail at once with <see cref="LlmUnavailableException"/>.
/// </summary>
public sealed class LlmCircuitBreaker
{
    private readonly CircuitBreakerStateProvider _state = new();
    private readonly bool _enabled;

    /// <summary>Creates the breaker of <paramref name="endpoint"/> (used in messages).</summary>
    public LlmCircuitBreaker(string endpoint, LlmCircuitBreakerOptions? options = null, TimeProvider? timeProvider = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(endpoint);
        options ??= new LlmCircuitBreakerOptions();
        options.Validate();
        Endpoint = endpoint;
        _enabled = options.Enabled;
        var builder = new ResiliencePipelineBuilder { TimeProvider = timeProvider ?? TimeProvider.System };
        if (options.Enabled)
        {
            builder.AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                FailureRatio = options.FailureRatio,
                MinimumThroughput = options.MinimumThroughput,
                SamplingDuration = options.SamplingDuration,
                BreakDuration = options.BreakDuration,
                StateProvider = _state,
                ShouldHandle = new PredicateBuilder().Handle<LlmTransientException>(IsEndpointFailure),
            });
        }

        Pipeline = builder.Build();
    }

    /// <summary>The endpoint this breaker guards.</summary>
    public string Endpoint { get; }

    /// <summary>Closed (calls flow), Open (calls refused), HalfOpen (one trial call) or Isolated.</summary>
    public CircuitState State => _enabled ? _state.CircuitState : CircuitState.Closed;

    internal ResiliencePipeline Pipeline { get; }

    private static bool IsEndpointFailure(LlmTransientException failure) => failure.StatusCode is not 429;
}
