using System.Text.Json.Nodes;
using CotForge.Llm.Simulation;
using Microsoft.Extensions.AI;

namespace CotForge.Llm;

/// <summary>
/// Builds the <see cref="IChatClient"/> of each role: its provider wrapped in the middleware stack. Roles that use
/// the same endpoint (provider and base URL) share its rate limits, adaptive concurrency and circuit breaker; all
/// roles share the token ledger, the budget and the response cache.
/// </summary>
/// <remarks>
/// The stack, outermost first, and why in that order:
/// <list type="number">
/// <item><b>role defaults</b> — fill model, temperature and max tokens into the options, so everything below (the cache
/// key first) sees the request as it will be sent;</item>
/// <item><b>cache</b> — a hit must cost nothing: no budget, no tokens, no rate-limit permit, no circuit trial;</item>
/// <item><b>budget</b> — refuse before anything is spent; outside the retries, so a call that passed the check
/// finishes with its retries (in-flight work completes);</item>
/// <item><b>accounting</b> — one record per successful logical call with its final usage; failed attempts cost nothing;</item>
/// <item><b>retry</b> — everything below runs once per attempt, so each attempt is counted by the breaker, waits for
/// its own concurrency slot and rate permit (retries cannot exceed RPM/TPM), and gets its own timeout; backoff sleeps
/// hold no slot;</item>
/// <item><b>circuit breaker</b> — sees every attempt's outcome; when open it fails fast without queueing for a slot;</item>
/// <item><b>adaptive concurrency</b> — before the rate limiter, so a permit is only taken when the call can be sent at
/// once (otherwise permits taken while queued for a slot would be spent in a burst later); sees each 429;</item>
/// <item><b>rate limit (RPM/TPM)</b> — directly above the call so the limit describes what the endpoint receives;</item>
/// <item><b>timeout</b> — covers only the call itself, not the time queued for slots and permits;</item>
/// <item><b>provider</b> — translating its SDK's errors into <see cref="LlmException"/> types.</item>
/// </list>
/// </remarks>
public sealed class LlmClientFactory : IDisposable
{
    private readonly LlmRuntimeOptions _options;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, EndpointResources> _endpoints = new(StringComparer.Ordinal);
    private readonly Dictionary<string, LlmRoleSettings> _roles = new(StringComparer.Ordinal);
    private readonly List<IDisposable> _owned = [];
    private readonly ResponseCache? _cache;
    private bool _disposed;

    /// <summary>Creates a factory for one run; validates <paramref name="options"/> and opens the cache file if any.</summary>
    public LlmClientFactory(LlmRuntimeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        Ledger = new TokenLedger(options.Prices);
        Budget = options.Budget is null ? null : new BudgetTracker(options.Budget, options.Prices);
        _cache = options.CachePath is null ? null : new ResponseCache(options.CachePath, options.TimeProvider);
    }

    /// <summary>Tokens spent per role and model by every client this factory built.</summary>
    public TokenLedger Ledger { get; }

    /// <summary>The run's budget tracker, or null when no budget is set.</summary>
    public BudgetTracker? Budget { get; }

    /// <summary>The response cache, or null when <see cref="LlmRuntimeOptions.CachePath"/> is not set.</summary>
    public ResponseCache? Cache => _cache;

    /// <summary>
    /// Builds the client for <paramref name="role"/>. Throws <see cref="LlmConfigurationException"/> for invalid
    /// settings, limits contradicting another role on the same endpoint, a cost budget without a price for the model,
    /// or a missing API key (naming the environment variable).
    /// </summary>
    public IChatClient Create(string role, LlmRoleSettings settings)
    {
        ArgumentException.ThrowIfNullOrEmpty(role);
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate(role);
        string model = settings.EffectiveModel;
        if (Budget?.Budget.MaxCost is not null && settings.Provider != LlmProviders.Simulated && !Budget.HasPrice(model))
        {
            throw new LlmConfigurationException(
                $"A cost budget is set but model '{model}' (role '{role}') has no price; add its input and output price per million tokens to the prices, or remove the cost budget.");
        }

        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var endpoint = GetEndpoint(settings);
            endpoint.AddRole(role, settings);
            var provider = CreateProvider(role, settings, endpoint);
            var time = _options.TimeProvider;
            var builder = new ChatClientBuilder(provider).ConfigureOptions(o => ApplyDefaults(o, settings));
            if (_cache is not null)
            {
                builder.UseResponseCache(_cache, settings.Provider, model, Ledger, role);
            }

            if (Budget is not null)
            {
                builder.UseBudget(Budget, model);
            }

            builder.UseTokenAccounting(Ledger, role, model)
                .UseLlmRetry(LlmRetryOptions.From(settings), time)
                .UseLlmCircuitBreaker(endpoint.Breaker)
                .Use(inner => new AdaptiveConcurrencyChatClient(inner, () => endpoint.Concurrency))
                .Use(inner => new RateLimitingChatClient(inner, () => endpoint.RateLimiter))
                .UseLlmTimeout(settings.Timeout, time);
            _roles[role] = settings;
            return builder.Build();
        }
    }

    /// <summary>
    /// The LLM part of config.json: each created role's settings, the run-wide options and, when a role is simulated,
    /// the simulation knobs under <c>"simulation"</c> (marked <c>"simulated": true</c>). Never an API key.
    /// </summary>
    public JsonObject Describe()
    {
        lock (_gate)
        {
            var roles = new JsonObject();
            foreach (var (role, settings) in _roles.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                roles[role] = settings.Describe();
            }

            var json = _options.Describe();
            json["roles"] = roles;
            if (_roles.Values.Any(s => s.Provider == LlmProviders.Simulated))
            {
                json["simulation"] = _options.Simulation.Describe();
            }

            return json;
        }
    }

    /// <summary>
    /// The run-wide settings that pace or limit a run (cache, budget, prices and, with <paramref name="simulated"/>,
    /// the simulated latency and faults), for config.json's <c>operational</c> section; see
    /// <see cref="LlmRuntimeOptions.DescribeOperational"/>.
    /// </summary>
    public JsonObject DescribeOperational(bool simulated) => _options.DescribeOperational(simulated);

    /// <summary>The simulated provider's settings that decide its replies (seed and correctness), for config.json.</summary>
    public JsonObject DescribeSimulation() => _options.Simulation.DescribeOutcome();

    /// <summary>The endpoint resources of <paramref name="settings"/>, for tests and diagnostics.</summary>
    internal EndpointResources GetEndpoint(LlmRoleSettings settings)
    {
        lock (_gate)
        {
            if (!_endpoints.TryGetValue(settings.EndpointKey, out var endpoint))
            {
                endpoint = new EndpointResources(settings.EndpointKey, settings.Provider == LlmProviders.Simulated, _options.CircuitBreaker, _options.TimeProvider);
                _endpoints.Add(settings.EndpointKey, endpoint);
            }

            return endpoint;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            foreach (var endpoint in _endpoints.Values)
            {
                endpoint.Dispose();
            }

            foreach (var owned in _owned)
            {
                owned.Dispose();
            }

            _cache?.Dispose();
            Budget?.Dispose();
        }
    }

    private static void ApplyDefaults(ChatOptions options, LlmRoleSettings settings)
    {
        options.ModelId ??= settings.EffectiveModel;
        options.Temperature ??= settings.Temperature;
        options.MaxOutputTokens ??= settings.MaxOutputTokens;
    }

    private IChatClient CreateProvider(string role, LlmRoleSettings settings, EndpointResources endpoint)
    {
        if (settings.Provider == LlmProviders.Simulated)
        {
            return new SimulatedChatClient(_options.Simulation, settings.EffectiveModel, _options.TimeProvider);
        }

        string variable = settings.EffectiveApiKeyVariable!;
        string? key = _options.GetEnvironmentVariable(variable);
        if (string.IsNullOrWhiteSpace(key))
        {
            throw new LlmConfigurationException(
                $"Role '{role}' uses provider '{settings.Provider}', which needs an API key in the environment variable {variable}, but it is not set. "
                + $"Set it (export {variable}=...) or name the variable that holds the key with 'ApiKeyVariable'.");
        }

        return Providers.ProviderFactory.Create(settings, key.Trim(), endpoint.GetHttpClient(_options.TimeProvider));
    }
}
