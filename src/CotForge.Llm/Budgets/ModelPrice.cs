namespace CotForge.Llm;

/// <summary>Price of a model in currency units per million tokens, as providers publish them.</summary>
/// <param name="InputPerMillionTokens">Cost of one million input (prompt) tokens.</param>
/// <param name="OutputPerMillionTokens">Cost of one million output (completion) tokens.</param>
public sealed record ModelPrice(decimal InputPerMillionTokens, decimal OutputPerMillionTokens)
{
    /// <summary>The cost of a call with the given token counts.</summary>
    public decimal CostOf(long inputTokens, long outputTokens) =>
        ((inputTokens * InputPerMillionTokens) + (outputTokens * OutputPerMillionTokens)) / 1_000_000m;
}
