using System.Text.Json.Nodes;

namespace CotForge.Llm;

/// <summary>
/// Spending so far against an <see cref="LlmBudget"/>, shared by every role of a run. The budget middleware checks it
/// before each call and charges it after; the pipeline watches <see cref="ExhaustedToken"/> to stop taking new items.
/// </summary>
public sealed class BudgetTracker : IDisposable
{
    private readonly Lock _gate = new();
    private readonly IReadOnlyDictionary<string, ModelPrice> _prices;
    private readonly CancellationTokenSource _exhausted = new();
    private long _inputTokens;
    private long _outputTokens;
    private decimal _cost;

    /// <summary>Creates a tracker for <paramref name="budget"/>; <paramref name="prices"/> (by model name) price the calls.</summary>
    public BudgetTracker(LlmBudget budget, IReadOnlyDictionary<string, ModelPrice>? prices = null)
    {
        ArgumentNullException.ThrowIfNull(budget);
        budget.Validate();
        Budget = budget;
        _prices = prices is null
            ? new Dictionary<string, ModelPrice>()
            : new Dictionary<string, ModelPrice>(prices, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The limits tracked.</summary>
    public LlmBudget Budget { get; }

    /// <summary>Input tokens charged so far.</summary>
    public long InputTokens
    {
        get
        {
            lock (_gate)
            {
                return _inputTokens;
            }
        }
    }

    /// <summary>Output tokens charged so far.</summary>
    public long OutputTokens
    {
        get
        {
            lock (_gate)
            {
                return _outputTokens;
            }
        }
    }

    /// <summary>Cost charged so far (models without a price cost nothing).</summary>
    public decimal Cost
    {
        get
        {
            lock (_gate)
            {
                return _cost;
            }
        }
    }

    /// <summary>True once any limit is reached; it stays true.</summary>
    public bool IsExhausted => _exhausted.IsCancellationRequested;

    /// <summary>Cancelled when the budget becomes exhausted, so a pipeline can stop its intake without polling.</summary>
    public CancellationToken ExhaustedToken => _exhausted.Token;

    /// <summary>Whether a price is known for <paramref name="model"/>.</summary>
    public bool HasPrice(string model) => _prices.ContainsKey(model);

    /// <summary>Throws <see cref="BudgetExceededException"/> naming the first reached limit, if any.</summary>
    public void ThrowIfExhausted()
    {
        if (FindReachedLimit() is { } reached)
        {
            throw new BudgetExceededException(reached.Name, reached.Limit, reached.Spent);
        }
    }

    /// <summary>Adds a completed call's usage (and its cost, when <paramref name="model"/> has a price).</summary>
    public void Charge(string model, long inputTokens, long outputTokens)
    {
        ArgumentNullException.ThrowIfNull(model);
        bool reached;
        lock (_gate)
        {
            _inputTokens += inputTokens;
            _outputTokens += outputTokens;
            if (_prices.TryGetValue(model, out var price))
            {
                _cost += price.CostOf(inputTokens, outputTokens);
            }

            reached = FindReachedLimitLocked() is not null;
        }

        if (reached && !_exhausted.IsCancellationRequested)
        {
            // Cancelling runs the pipeline's callbacks; do it outside the lock so they may read the tracker.
            _exhausted.Cancel();
        }
    }

    /// <summary>Limits and spending, for metadata and run summaries.</summary>
    public JsonObject Describe()
    {
        lock (_gate)
        {
            var json = Budget.Describe();
            json["input_tokens"] = _inputTokens;
            json["output_tokens"] = _outputTokens;
            json["cost"] = _cost;
            json["exhausted"] = FindReachedLimitLocked() is not null;
            return json;
        }
    }

    /// <inheritdoc />
    public void Dispose() => _exhausted.Dispose();

    private (string Name, decimal Limit, decimal Spent)? FindReachedLimit()
    {
        lock (_gate)
        {
            return FindReachedLimitLocked();
        }
    }

    private (string Name, decimal Limit, decimal Spent)? FindReachedLimitLocked()
    {
        if (Budget.MaxInputTokens is { } maxInput && _inputTokens >= maxInput)
        {
            return ("max_input_tokens", maxInput, _inputTokens);
        }

        if (Budget.MaxOutputTokens is { } maxOutput && _outputTokens >= maxOutput)
        {
            return ("max_output_tokens", maxOutput, _outputTokens);
        }

        if (Budget.MaxTotalTokens is { } maxTotal && _inputTokens + _outputTokens >= maxTotal)
        {
            return ("max_total_tokens", maxTotal, _inputTokens + _outputTokens);
        }

        if (Budget.MaxCost is { } maxCost && _cost >= maxCost)
        {
            return ("max_cost", maxCost, _cost);
        }

        return null;
    }
}
