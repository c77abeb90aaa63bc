namespace CotForge.Llm;

/// <summary>Token usage of one role on one model.</summary>
/// <param name="Role">The role (<see cref="LlmRoles"/>).</param>
/// <param name="Model">The configured model name.</param>
/// <param name="Calls">Calls that reached the endpoint and succeeded.</param>
/// <param name="InputTokens">Input tokens of those calls.</param>
/// <param name="OutputTokens">Output tokens of those calls.</param>
/// <param name="Estimated">True when some call reported no usage and its tokens were estimated (about 4 characters a token).</param>
/// <param name="CacheHits">Calls answered from the response cache (no tokens spent).</param>
/// <param name="Cost">Cost from the model's price, or null when no price is known.</param>
public sealed record TokenUsageEntry(string Role, string Model, long Calls, long InputTokens, long OutputTokens, bool Estimated, long CacheHits, decimal? Cost);
