namespace CotForge.Cli.Commands.Run.Config;

/// <summary>
/// <c>"budget"</c>: ceilings after which no new request is sent (the remaining items fail with kind
/// budget_exhausted and are retried by the next run), and per-model prices for the cost estimate.
/// </summary>
internal sealed class BudgetSection
{
    /// <summary>Input tokens to spend at most. Default: unlimited.</summary>
    public long? MaxInputTokens { get; set; }

    /// <summary>Output tokens to spend at most. Default: unlimited.</summary>
    public long? MaxOutputTokens { get; set; }

    /// <summary>Input plus output tokens to spend at most. Default: unlimited.</summary>
    public long? MaxTotalTokens { get; set; }

    /// <summary>Estimated US dollars to spend at most; needs a price for each model used. Default: unlimited.</summary>
    public decimal? MaxCost { get; set; }

    /// <summary>Prices keyed by model name.</summary>
    public Dictionary<string, PriceSection>? Prices { get; set; }

    public static BudgetSection? Merge(BudgetSection? over, BudgetSection? under) => over is null ? under : under is null ? over : new()
    {
        MaxInputTokens = over.MaxInputTokens ?? under.MaxInputTokens,
        MaxOutputTokens = over.MaxOutputTokens ?? under.MaxOutputTokens,
        MaxTotalTokens = over.MaxTotalTokens ?? under.MaxTotalTokens,
        MaxCost = over.MaxCost ?? under.MaxCost,
        Prices = over.Prices ?? under.Prices,
    };
}
