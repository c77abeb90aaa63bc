using System.Text.Json;
using CotForge.Core.Prompts;
using CotForge.Llm.Simulation;
using PromptReader = CotForge.Llm.Simulation.PromptReader;
using Microsoft.Extensions.AI;

namespace CotForge.Llm;

/// <summary>
/// Which replies are worth keeping: a complete, non-empty reply that, where the prompt asks for JSON, contains a JSON
/// object that parses. A garbled reply is not cached, so the engine's retry of it reaches the model again instead of
/// reading the same garbage back forever.
/// </summary>
internal static class CacheAdmission
{
    public static bool IsCacheable(ChatResponse response, IReadOnlyList<ChatMessage> messages)
    {
        string text = response.Text;
        if (string.IsNullOrWhiteSpace(text) || response.FinishReason == ChatFinishReason.Length || response.FinishReason == ChatFinishReason.ContentFilter)
        {
            return false;
        }

        var kind = messages.Select(m => PromptReader.DetectKind(m.Text)).FirstOrDefault(k => k is not null);
        bool expectsJson = kind is { } k2 ? k2 != PromptKind.FormalAnswer : text.TrimStart().StartsWith('{') || text.TrimStart().StartsWith("```", StringComparison.Ordinal);
        return !expectsJson || ContainsJsonObject(text);
    }

    private static bool ContainsJsonObject(string text)
    {
        int start = text.IndexOf('{', StringComparison.Ordinal);
        int end = text.LastIndexOf('}');
        if (start < 0 || end <= start)
        {
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(text.AsMemory(start, end - start + 1));
            return document.RootElement.ValueKind == JsonValueKind.Object;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
