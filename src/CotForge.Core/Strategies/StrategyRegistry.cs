using System.Text.Json;
using System.Text.Json.Nodes;

namespace CotForge.Core.Strategies;

/// <summary>
/// The strategies a search may choose from, by name, in registration order. Serialized as cot-forge does:
/// <c>{"strategies": {name: {name, description, is_initial, minimum_depth}}}</c>.
/// </summary>
/// <remarks>Build it up front; reading it from many searches at once is safe, changing it while they run is not.</remarks>
public sealed class StrategyRegistry
{
    private readonly List<Strategy> _strategies = [];

    /// <summary>Creates an empty registry.</summary>
    public StrategyRegistry()
    {
    }

    /// <summary>Creates a registry holding <paramref name="strategies"/>.</summary>
    /// <exception cref="ArgumentException">A strategy is invalid or a name repeats.</exception>
    public StrategyRegistry(IEnumerable<Strategy> strategies)
    {
        ArgumentNullException.ThrowIfNull(strategies);
        foreach (var strategy in strategies)
        {
            Add(strategy);
        }
    }

    /// <summary>The registered strategies, in registration order.</summary>
    public IReadOnlyList<Strategy> Strategies => _strategies;

    /// <summary>The registered names, in registration order.</summary>
    public IReadOnlyList<string> Names => _strategies.ConvertAll(s => s.Name);

    /// <summary>How many strategies are registered.</summary>
    public int Count => _strategies.Count;

    /// <summary>The five default strategies: initialize, backtrack, explore_new_paths, correction, validation.</summary>
    public static StrategyRegistry CreateDefault() => new(BuiltInStrategies.Default);

    /// <summary>All ten built-in strategies: the default five plus perspective_shift, analogical_reasoning,
    /// decomposition, counterfactual and first_principles.</summary>
    public static StrategyRegistry CreateFull() => new(BuiltInStrategies.All);

    /// <summary>Reads a registry from <c>{"strategies": {name: {name, description, is_initial, minimum_depth}}}</c>.</summary>
    /// <exception cref="FormatException">The JSON is invalid or a strategy is malformed; the message names it.</exception>
    public static StrategyRegistry FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json);
        }
        catch (JsonException ex)
        {
            throw new FormatException($"A strategy registry must be valid JSON: {ex.Message}", ex);
        }

        return FromJsonNode(root);
    }

    /// <summary>Reads a registry from an already parsed JSON node (e.g. the <c>strategy_registry</c> of a config.json).</summary>
    /// <exception cref="FormatException">A strategy is malformed; the message names it.</exception>
    public static StrategyRegistry FromJsonNode(JsonNode? root)
    {
        if (root is not JsonObject rootObject || rootObject["strategies"] is not JsonObject strategies)
        {
            throw new FormatException("A strategy registry must be an object with a \"strategies\" object: {\"strategies\": {name: {name, description, is_initial, minimum_depth}}}.");
        }

        var registry = new StrategyRegistry();
        foreach (var (key, value) in strategies)
        {
            if (value is not JsonObject entry)
            {
                throw new FormatException($"Strategy '{key}' must be an object with name, description, is_initial and minimum_depth.");
            }

            string name = ReadString(entry, "name", key, required: false) ?? key;
            if (!string.Equals(name, key, StringComparison.Ordinal))
            {
                throw new FormatException($"Strategy '{key}' is registered under a different name ('{name}'); the key and 'name' must be equal.");
            }

            string description = ReadString(entry, "description", key, required: true)!;
            bool isInitial = entry["is_initial"] switch
            {
                null => false,
                JsonValue v when v.TryGetValue(out bool b) => b,
                var other => throw new FormatException($"Strategy '{key}': 'is_initial' must be true or false; was {other.ToJsonString()}."),
            };
            int minimumDepth = entry["minimum_depth"] switch
            {
                null => 0,
                JsonValue v when v.TryGetValue(out int d) => d,
                var other => throw new FormatException($"Strategy '{key}': 'minimum_depth' must be a whole number; was {other.ToJsonString()}."),
            };
            try
            {
                registry.Add(new Strategy(name, description, isInitial, minimumDepth));
            }
            catch (ArgumentException ex)
            {
                throw new FormatException(ex.Message, ex);
            }
        }

        return registry;
    }

    /// <summary>Registers a strategy.</summary>
    /// <exception cref="ArgumentException">The name is empty or taken, the description empty, or the minimum depth negative.</exception>
    public StrategyRegistry Add(Strategy strategy)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        if (string.IsNullOrWhiteSpace(strategy.Name))
        {
            throw new ArgumentException("A strategy needs a non-empty name.", nameof(strategy));
        }

        if (string.IsNullOrWhiteSpace(strategy.Description))
        {
            throw new ArgumentException($"Strategy '{strategy.Name}' needs a non-empty description: it is the instruction the model receives.", nameof(strategy));
        }

        if (strategy.MinimumDepth < 0)
        {
            throw new ArgumentException($"Strategy '{strategy.Name}': 'MinimumDepth' must be 0 or more; was {strategy.MinimumDepth}.", nameof(strategy));
        }

        if (Contains(strategy.Name))
        {
            throw new ArgumentException($"A strategy named '{strategy.Name}' is already registered; remove it first to replace it.", nameof(strategy));
        }

        _strategies.Add(strategy);
        return this;
    }

    /// <summary>Creates and registers a strategy in one call.</summary>
    public Strategy Add(string name, string description, bool isInitial = false, int minimumDepth = 0)
    {
        var strategy = new Strategy(name, description, isInitial, minimumDepth);
        Add(strategy);
        return strategy;
    }

    /// <summary>Removes a strategy; false when none has that name.</summary>
    public bool Remove(string name) => _strategies.RemoveAll(s => string.Equals(s.Name, name, StringComparison.Ordinal)) > 0;

    /// <summary>True when a strategy of that name is registered.</summary>
    public bool Contains(string name) => TryGet(name, out _);

    /// <summary>Finds a strategy by name.</summary>
    public bool TryGet(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Strategy? strategy)
    {
        strategy = _strategies.Find(s => string.Equals(s.Name, name, StringComparison.Ordinal));
        return strategy is not null;
    }

    /// <summary>Gets a strategy by name.</summary>
    /// <exception cref="KeyNotFoundException">No strategy has that name; the message lists the registered ones.</exception>
    public Strategy Get(string name) =>
        TryGet(name, out var strategy)
            ? strategy
            : throw new KeyNotFoundException($"No strategy named '{name}' is registered; registered: {string.Join(", ", Names)}.");

    /// <summary>The strategies that may start a chain.</summary>
    public IReadOnlyList<Strategy> InitialStrategies() => _strategies.FindAll(s => s.IsInitial);

    /// <summary>The strategies that may create a (non-root) node at <paramref name="depth"/>: not initial, and
    /// <see cref="Strategy.MinimumDepth"/> at most <paramref name="depth"/>.</summary>
    public IReadOnlyList<Strategy> ContinuationsAt(int depth) => _strategies.FindAll(s => !s.IsInitial && s.MinimumDepth <= depth);

    /// <summary>The registry as <c>{"strategies": {name: {name, description, is_initial, minimum_depth}}}</c>.</summary>
    public JsonObject ToJsonObject()
    {
        var strategies = new JsonObject();
        foreach (var s in _strategies)
        {
            strategies[s.Name] = new JsonObject
            {
                ["name"] = s.Name,
                ["description"] = s.Description,
                ["is_initial"] = s.IsInitial,
                ["minimum_depth"] = s.MinimumDepth,
            };
        }

        return new JsonObject { ["strategies"] = strategies };
    }

    /// <summary>The registry as JSON text, readable by <see cref="FromJson"/> and by cot-forge.</summary>
    public string ToJson() => ToJsonObject().ToJsonString();

    /// <summary>The registry for config.json (the same shape as <see cref="ToJsonObject"/>).</summary>
    public JsonObject Describe() => ToJsonObject();

    private static string? ReadString(JsonObject entry, string key, string strategy, bool required) => entry[key] switch
    {
        null when !required => null,
        JsonValue v when v.TryGetValue(out string? s) && (!required || !string.IsNullOrWhiteSpace(s)) => s,
        null => throw new FormatException($"Strategy '{strategy}' is missing '{key}'."),
        var other => throw new FormatException($"Strategy '{strategy}': '{key}' must be a non-empty string; was {other.ToJsonString()}."),
    };
}
