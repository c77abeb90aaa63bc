namespace CotForge.Llm;

/// <summary>A consistent copy of a <see cref="TokenLedger"/> at one moment.</summary>
/// <param name="Entries">Usage per role and model, ordered by role then model.</param>
public sealed record TokenUsageSnapshot(IReadOnlyList<TokenUsageEntry> Entries)
{
    /// <summary>Successful calls over all entries.</summary>
    public long TotalCalls => Entries.Sum(e => e.Calls);

    /// <summary>Input tokens over all entries.</summary>
    public long TotalInputTokens => Entries.Sum(e => e.InputTokens);

    /// <summary>Output tokens over all entries.</summary>
    public long TotalOutputTokens => Entries.Sum(e => e.OutputTokens);

    /// <summary>Input plus output tokens over all entries.</summary>
    public long TotalTokens => TotalInputTokens + TotalOutputTokens;

    /// <summary>Cache hits over all entries.</summary>
    public long TotalCacheHits => Entries.Sum(e => e.CacheHits);

    /// <summary>True when any entry holds estimated counts.</summary>
    public bool Estimated => Entries.Any(e => e.Estimated);

    /// <summary>Cost of the priced entries, or null when no entry has a price.</summary>
    public decimal? TotalCost => Entries.Any(e => e.Cost is not null) ? Entries.Sum(e => e.Cost ?? 0m) : null;
}
