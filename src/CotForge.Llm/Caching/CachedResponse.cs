using Microsoft.Extensions.AI;

namespace CotForge.Llm;

/// <summary>One stored reply: what is needed to answer the same request again, and nothing of the request itself.</summary>
internal sealed class CachedResponse
{
    public string Text { get; set; } = string.Empty;

    public string? ModelId { get; set; }

    public string? FinishReason { get; set; }

    public static CachedResponse From(ChatResponse response) => new()
    {
        Text = response.Text,
        ModelId = response.ModelId,
        FinishReason = response.FinishReason?.Value,
    };

    /// <summary>The reply as a response marked <c>cache_hit</c>; it carries no usage because it cost nothing.</summary>
    public ChatResponse ToResponse() => new(new ChatMessage(ChatRole.Assistant, Text))
    {
        ModelId = ModelId,
        FinishReason = FinishReason is null ? null : new ChatFinishReason(FinishReason),
        AdditionalProperties = new AdditionalPropertiesDictionary { [ResponseCache.CacheHitProperty] = true },
    };
}
