namespace CotForge.Llm;

/// <summary>
/// What the roles calling one endpoint (provider + base URL) share: its circuit breaker, adaptive concurrency limit and
/// RPM/TPM limits. Limits are gathered from every role as it is created and settled at the endpoint's first call, so
/// the order in which roles are created does not matter; two roles setting different values is a configuration error.
/// </summary>
internal sealed class EndpointResources : IDisposable
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _timeProvider;
    private Setting _rpm;
    private Setting _tpm;
    private Setting _maxConcurrency;
    private bool _settled;
    private EndpointRateLimiter? _rateLimiter;
    private AdaptiveConcurrencyLimiter? _concurrency;
    private HttpClient? _httpClient;
    private readonly bool _local;

    public EndpointResources(string key, bool local, LlmCircuitBreakerOptions breakerOptions, TimeProvider timeProvider)
    {
        Key = key;
        _local = local;
        _timeProvider = timeProvider;
        Breaker = new LlmCircuitBreaker(key, breakerOptions, timeProvider);
    }

    public string Key { get; }

    public LlmCircuitBreaker Breaker { get; }

    public EndpointRateLimiter? RateLimiter
    {
        get
        {
            Settle();
            return _rateLimiter;
        }
    }

    /// <summary>The adaptive limit, or null for a local (simulated) endpoint without an explicit MaxConcurrency.</summary>
    public AdaptiveConcurrencyLimiter? Concurrency
    {
        get
        {
            Settle();
            return _concurrency;
        }
    }

    /// <summary>Adds a role's limits; throws when they contradict another role's or arrive after the first call.</summary>
    public void AddRole(string role, LlmRoleSettings settings)
    {
        lock (_gate)
        {
            var rpm = Merge(_rpm, role, settings.RequestsPerMinute, nameof(settings.RequestsPerMinute));
            var tpm = Merge(_tpm, role, settings.TokensPerMinute, nameof(settings.TokensPerMinute));
            var concurrency = Merge(_maxConcurrency, role, settings.MaxConcurrency, nameof(settings.MaxConcurrency));
            if (_settled && (rpm != _rpm || tpm != _tpm || concurrency != _maxConcurrency))
            {
                throw new LlmConfigurationException(
                    $"Role '{role}' sets limits for endpoint '{Key}' after calls to it have started; create every role's client before the run starts.");
            }

            (_rpm, _tpm, _maxConcurrency) = (rpm, tpm, concurrency);
        }
    }

    /// <summary>The endpoint's one HTTP client (one connection pool), created on first use.</summary>
    public HttpClient GetHttpClient(TimeProvider timeProvider)
    {
        lock (_gate)
        {
            return _httpClient ??= Providers.ProviderFactory.CreateHttpClient(timeProvider);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _rateLimiter?.Dispose();
            _httpClient?.Dispose();
        }
    }

    private void Settle()
    {
        if (Volatile.Read(ref _settled))
        {
            return;
        }

        lock (_gate)
        {
            if (_settled)
            {
                return;
            }

            _rateLimiter = _rpm.Value is null && _tpm.Value is null ? null : new EndpointRateLimiter(_rpm.Value, _tpm.Value, _timeProvider);
            // A local endpoint has no capacity to protect: only a limit the user asked for applies to it.
            _concurrency = _local && _maxConcurrency.Value is null
                ? null
                : new AdaptiveConcurrencyLimiter(_maxConcurrency.Value ?? LlmRoleSettings.DefaultMaxConcurrency, _timeProvider);
            Volatile.Write(ref _settled, true);
        }
    }

    private Setting Merge(Setting current, string role, int? value, string name)
    {
        if (value is null)
        {
            return current;
        }

        if (current.Value is { } existing && existing != value)
        {
            throw new LlmConfigurationException(
                $"Roles '{current.Role}' and '{role}' share endpoint '{Key}' but set '{name}' to {existing} and {value}; "
                + "limits belong to the endpoint, so set the same value (or leave it unset) in both.");
        }

        return current.Value is null ? new Setting(value, role) : current;
    }

    private readonly record struct Setting(int? Value, string? Role);
}
