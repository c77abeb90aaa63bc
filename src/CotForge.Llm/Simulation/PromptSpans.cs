using System.Text;
using CotForge.Core.Prompts;

namespace CotForge.Llm.Simulation;

/// <summary>
/// <see cref="PromptReader.CountConclusions"/> over a span, for the simulator's every strategy step: the same answer
/// without a JSON document per previous reasoning or a list of steps just to count conclusions (kinds and sections
/// are read in place by <see cref="PromptReader"/> itself). The tests hold the two to the same results.
/// </summary>
internal static class PromptSpans
{
    private const string FinalConclusion = "Final Conclusion";

    [ThreadStatic]
    private static byte[]? t_utf8;

    /// <summary>As <see cref="PromptReader.CountConclusions"/>: how many conclusions the reasoning so far holds.</summary>
    public static int CountConclusions(ReadOnlySpan<char> previousReasoning)
    {
        previousReasoning = previousReasoning.Trim();
        if (previousReasoning.IsEmpty || previousReasoning.SequenceEqual("[]"))
        {
            return 0;
        }

        if (previousReasoning[0] is '[' or '{' && CountJsonConclusions(previousReasoning) is { } count)
        {
            return count;
        }

        // Not steps in JSON (a prompt that renders reasoning as text): count the action names instead.
        int found = 0;
        for (int at = previousReasoning.IndexOf(FinalConclusion, StringComparison.OrdinalIgnoreCase);
             at >= 0;
             at = IndexAfter(previousReasoning, at))
        {
            found++;
        }

        return found;
    }

    private static int IndexAfter(ReadOnlySpan<char> text, int at)
    {
        int next = text[(at + 1)..].IndexOf(FinalConclusion, StringComparison.OrdinalIgnoreCase);
        return next < 0 ? -1 : at + 1 + next;
    }

    /// <summary>
    /// <paramref name="text"/> in UTF-8, in a per-thread buffer valid until the next call on this thread: what
    /// <see cref="JsonSteps"/> reads.
    /// </summary>
    public static ReadOnlySpan<byte> ToUtf8(ReadOnlySpan<char> text)
    {
        int max = Encoding.UTF8.GetMaxByteCount(text.Length);
        byte[] buffer = t_utf8 is { } cached && cached.Length >= max ? cached : new byte[Math.Max(max, 4096)];
        if (buffer.Length <= 1024 * 1024)
        {
            t_utf8 = buffer;
        }

        return buffer.AsSpan(0, Encoding.UTF8.GetBytes(text, buffer));
    }

    /// <summary>
    /// The final conclusions among the steps of <paramref name="json"/>, as <see cref="PromptReader.Steps"/> would list
    /// them; null when the text is not valid JSON holding steps.
    /// </summary>
    private static int? CountJsonConclusions(ReadOnlySpan<char> json) => JsonSteps.Survey(ToUtf8(json))?.Conclusions;
}
