using System.Text.Json.Nodes;
using CotForge.Llm.Simulation;

namespace CotForge.Llm;

/// <summary>
/// Run-wide settings of the LLM layer, shared by every role: the simulated provider's knobs, the response cache,
/// the budget and model prices, the circuit breaker, and the clock.
/// </summary>
public sealed class LlmRuntimeOptions
{
    /// <summary>Knobs of the simulated provider (used by roles whose provider is <c>simulated</c>).</summary>
    public SimulationOptions Simulation { get; set; } = new();

    /// <summary>Path of the SQLite response cache; default null (no cache). Created when missing.</summary>
    public string? CachePath { get; set; }

    /// <summary>Spending limits over all roles; default null (no limits).</summary>
    public LlmBudget? Budget { get; set; }

    /// <summary>Prices by model name (case-insensitive), for costs and <see cref="LlmBudget.MaxCost"/>; default null.</summary>
    public IReadOnlyDictionary<string, ModelPrice>? Prices { get; set; }

    /// <summary>Circuit breaker settings applied to every endpoint.</summary>
    public LlmCircuitBreakerOptions CircuitBreaker { get; set; } = new();

    /// <summary>The clock of every delay, limit, timeout and breaker; default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>
    /// Reads an environment variable; default <see cref="Environment.GetEnvironmentVariable(string)"/>. Tests
    /// replace it so they need not change the process environment.
    /// </summary>
    public Func<string, string?> GetEnvironmentVariable { get; set; } = Environment.GetEnvironmentVariable;

    /// <summary>Checks every option and throws one <see cref="LlmConfigurationException"/> listing each problem.</summary>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Simulation);
        ArgumentNullException.ThrowIfNull(TimeProvider);
        ArgumentNullException.ThrowIfNull(GetEnvironmentVariable);
        ArgumentNullException.ThrowIfNull(CircuitBreaker);
        Simulation.Validate();
        Budget?.Validate();
        CircuitBreaker.Validate();
        if (CachePath is not null && string.IsNullOrWhiteSpace(CachePath))
        {
            throw new LlmConfigurationException("'CachePath' must be a file path or null (no cache); was empty.");
        }

        if (Prices is not null)
        {
            foreach (var (model, price) in Prices)
            {
                if (price is null || price.InputPerMillionTokens < 0 || price.OutputPerMillionTokens < 0)
                {
                    throw new LlmConfigurationException($"The price of model '{model}' must have input and output prices of at least 0.");
                }
            }
        }
    }

    /// <summary>Run-wide settings as recorded in config.json (simulation knobs only matter when a role is simulated).</summary>
    public JsonObject Describe()
    {
        var json = new JsonObject
        {
            ["cache"] = CachePath is not null,
        };
        if (Budget is not null)
        {
            json["budget"] = Budget.Describe();
        }

        return json;
    }

    /// <summary>
    /// The settings that pace or limit a run without changing what it concludes, for config.json's
    /// <c>operational</c> section: whether replies are cached, the budget, the prices, and with
    /// <paramref name="simulated"/> the simulated provider's latency and faults. Never an API key or a path.
    /// </summary>
    public JsonObject DescribeOperational(bool simulated)
    {
        var json = Describe();
        if (Prices is { Count: > 0 })
        {
            var prices = new JsonObject();
            foreach (var (model, price) in Prices.OrderBy(p => p.Key, StringComparer.OrdinalIgnoreCase))
            {
                prices[model] = new JsonObject
                {
                    ["input_per_million_tokens"] = price.InputPerMillionTokens,
                    ["output_per_million_tokens"] = price.OutputPerMillionTokens,
                };
            }

            json["prices"] = prices;
        }

        if (simulated)
        {
            json["simulation"] = Simulation.DescribePacing();
        }

        return json;
    }
}
