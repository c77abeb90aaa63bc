using Microsoft.Extensions.AI;

namespace CotForge.Llm;

/// <summary>
/// Token counts when an endpoint reports none: about four characters per token, the usual rule of thumb for English
/// text with GPT-style tokenisers. Good enough for budgets and rate limits; flagged as estimated wherever recorded.
/// </summary>
internal static class TokenEstimator
{
    public static long Estimate(string? text) => string.IsNullOrEmpty(text) ? 0 : (text.Length + 3) / 4;

    public static long Estimate(IReadOnlyList<ChatMessage> messages)
    {
        // Indexed, so a list is not enumerated through a boxed enumerator on every call.
        long total = 0;
        for (int i = 0; i < messages.Count; i++)
        {
            total += 4 + Estimate(messages[i].Text);
        }

        return total;
    }

    public static long Estimate(IEnumerable<ChatMessage> messages)
    {
        if (messages is IReadOnlyList<ChatMessage> list)
        {
            return Estimate(list);
        }


        long total = 0;
        foreach (var message in messages)
        {
            // A few tokens of framing per message (role, separators), as chat formats add them.
            total += 4 + Estimate(message.Text);
        }

        return total;
    }
}
