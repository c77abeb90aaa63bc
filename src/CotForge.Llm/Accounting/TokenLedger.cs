using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace CotForge.Llm;

/// <summary>
/// Tokens spent per role and model over a run, fed by the accounting middleware from the usage each endpoint reports
/// (estimated, and flagged so, when it reports none). Thread-safe; read it with <see cref="Snapshot"/>.
/// </summary>
public sealed class TokenLedger
{
    private readonly ConcurrentDictionary<(string Role, string Model), Counter> _counters = new();
    private readonly IReadOnlyDictionary<string, ModelPrice> _prices;

    /// <summary>Creates an empty ledger; <paramref name="prices"/> (by model name) add costs to the snapshot.</summary>
    public TokenLedger(IReadOnlyDictionary<string, ModelPrice>? prices = null)
    {
        _prices = prices is null
            ? new Dictionary<string, ModelPrice>()
            : new Dictionary<string, ModelPrice>(prices, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Adds one successful call's usage.</summary>
    public void Record(string role, string model, long inputTokens, long outputTokens, bool estimated)
    {
        var counter = Get(role, model);
        Interlocked.Increment(ref counter.Calls);
        Interlocked.Add(ref counter.InputTokens, inputTokens);
        Interlocked.Add(ref counter.OutputTokens, outputTokens);
        if (estimated)
        {
            Volatile.Write(ref counter.Estimated, 1);
        }
    }

    /// <summary>Counts a call answered from the response cache (it costs no tokens).</summary>
    public void RecordCacheHit(string role, string model) => Interlocked.Increment(ref Get(role, model).CacheHits);

    /// <summary>A copy of the usage so far, ordered by role then model.</summary>
    public TokenUsageSnapshot Snapshot()
    {
        var entries = _counters
            .OrderBy(p => p.Key.Role, StringComparer.Ordinal)
            .ThenBy(p => p.Key.Model, StringComparer.Ordinal)
            .Select(p =>
            {
                long input = Interlocked.Read(ref p.Value.InputTokens);
                long output = Interlocked.Read(ref p.Value.OutputTokens);
                decimal? cost = _prices.TryGetValue(p.Key.Model, out var price) ? price.CostOf(input, output) : null;
                return new TokenUsageEntry(
                    p.Key.Role,
                    p.Key.Model,
                    Interlocked.Read(ref p.Value.Calls),
                    input,
                    output,
                    Volatile.Read(ref p.Value.Estimated) != 0,
                    Interlocked.Read(ref p.Value.CacheHits),
                    cost);
            })
            .ToList();
        return new TokenUsageSnapshot(entries);
    }

    /// <summary>
    /// Usage as JSON for metadata and status: <c>{"total": {...}, "by_role": [{role, model, calls, input_tokens,
    /// output_tokens, estimated, cache_hits, cost?}]}</c>.
    /// </summary>
    public JsonObject Describe()
    {
        var snapshot = Snapshot();
        var byRole = new JsonArray();
        foreach (var e in snapshot.Entries)
        {
            var entry = new JsonObject
            {
                ["role"] = e.Role,
                ["model"] = e.Model,
                ["calls"] = e.Calls,
                ["input_tokens"] = e.InputTokens,
                ["output_tokens"] = e.OutputTokens,
                ["estimated"] = e.Estimated,
                ["cache_hits"] = e.CacheHits,
            };
            if (e.Cost is { } cost)
            {
                entry["cost"] = cost;
            }

            byRole.Add(entry);
        }

        var total = new JsonObject
        {
            ["calls"] = snapshot.TotalCalls,
            ["input_tokens"] = snapshot.TotalInputTokens,
            ["output_tokens"] = snapshot.TotalOutputTokens,
            ["total_tokens"] = snapshot.TotalTokens,
            ["estimated"] = snapshot.Estimated,
            ["cache_hits"] = snapshot.TotalCacheHits,
        };
        if (snapshot.TotalCost is { } totalCost)
        {
            total["cost"] = totalCost;
        }

        return new JsonObject { ["total"] = total, ["by_role"] = byRole };
    }

    private Counter Get(string role, string model)
    {
        ArgumentNullException.ThrowIfNull(role);
        ArgumentNullException.ThrowIfNull(model);
        return _counters.GetOrAdd((role, model), static _ => new Counter());
    }

    private sealed class Counter
    {
        public long Calls;
        public long InputTokens;
        public long OutputTokens;
        public long CacheHits;
        public int Estimated;
    }
}
