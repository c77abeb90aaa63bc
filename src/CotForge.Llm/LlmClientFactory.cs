using Microsoft.Extensions.AI;

namespace CotForge.Llm;

/// <summary>
/// Builds the <see cref="IChatClient"/> of each role: its provider wrapped in the middleware stack. Roles that use
/// the same endpoint (provider and base URL) share its rate limits, adaptive concurrency and circuit breaker; all
/// roles share the token ledger, the budget and the response cache.
/// </summary>
public sealed partial class LlmClientFactory : IDisposable
{
    private readonly LlmRuntimeOptions _options;

    /// <summary>Creates a factory for one run; validates <paramref name="options"/>.</summary>
    public LlmClientFactory(LlmRuntimeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        Ledger = new TokenLedger(options.Prices);
        Budget = options.Budget is null ? null : new BudgetTracker(options.Budget, options.Prices);
    }

    /// <summary>Tokens spent per role and model by every client this factory built.</summary>
    public TokenLedger Ledger { get; }

    /// <summary>The run's budget tracker, or null when no budget is set.</summary>
    public BudgetTracker? Budget { get; }

    /// <summary>
    /// Builds the client for <paramref name="role"/>. Throws <see cref="LlmConfigurationException"/> for invalid
    /// settings or a missing API key (naming the environment variable).
    /// </summary>
    public IChatClient Create(string role, LlmRoleSettings settings)
    {
        ArgumentException.ThrowIfNullOrEmpty(role);
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate(role);
        if (settings.Provider == LlmProviders.Simulated)
        {
            return new Simulation.SimulatedChatClient(_options.Simulation, settings.EffectiveModel, _options.TimeProvider);
        }

        throw new LlmConfigurationException($"Provider '{settings.Provider}' for role '{role}' is not available in this build yet.");
    }

    /// <inheritdoc />
    public void Dispose() => Budget?.Dispose();
}
