using Microsoft.Extensions.AI;

namespace CotForge.Llm;

/// <summary>The token usage of a response: as reported, or estimated (and flagged) where the endpoint reported none.</summary>
internal static class UsageReader
{
    public static (long Input, long Output, bool Estimated) Read(ChatResponse response, IReadOnlyList<ChatMessage> messages)
    {
        long? input = response.Usage?.InputTokenCount;
        long? output = response.Usage?.OutputTokenCount;
        bool estimated = input is null || output is null;
        return (input ?? TokenEstimator.Estimate(messages), output ?? TokenEstimator.Estimate(response.Text), estimated);
    }

    /// <summary>The model a call is attributed to: the call's own model id, else the role's configured model.</summary>
    public static string ModelOf(ChatOptions? options, string configuredModel) =>
        string.IsNullOrEmpty(options?.ModelId) ? configuredModel : options.ModelId;
}
