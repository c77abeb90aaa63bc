using System.Runtime.CompilerServices;
using System.Text;
using CotForge.Core.Prompts;

namespace CotForge.Llm.Simulation;

/// <summary>
/// The tolerant readers of <see cref="PromptReader"/> that the simulator needs on every call, over spans: the same
/// answers, without a substring per section, a JSON document per previous reasoning or a list of steps just to count
/// conclusions. <see cref="PromptReader"/> stays the reference; the tests hold the two to the same results.
/// </summary>
internal static class PromptSpans
{
    private const string FinalConclusion = "Final Conclusion";

    [ThreadStatic]
    private static byte[]? t_utf8;

    private static readonly (string Tag, PromptKind Kind)[] Kinds =
        [.. Enum.GetValues<PromptKind>().Select(k => (PromptProtocol.TagFor(k), k))];

    /// <summary>As <see cref="PromptReader.DetectKind"/>: the kind named by the marker, or null.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static PromptKind? DetectKind(ReadOnlySpan<char> prompt)
    {
        int start = prompt.IndexOf(PromptProtocol.KindMarkerPrefix, StringComparison.Ordinal);
        if (start < 0)
        {
            return null;
        }

        var rest = prompt[(start + PromptProtocol.KindMarkerPrefix.Length)..];
        int end = rest.IndexOf(']');
        if (end < 0)
        {
            return null;
        }

        var tag = rest[..end].Trim();
        foreach (var (name, kind) in Kinds)
        {
            if (tag.SequenceEqual(name))
            {
                return kind;
            }
        }

        return null;
    }

    /// <summary>
    /// As <see cref="PromptReader.Section"/>: the trimmed content between the last closing tag and the opening tag
    /// nearest before it; false when either is missing.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryGetSection(ReadOnlySpan<char> prompt, string tag, out ReadOnlySpan<char> section)
    {
        section = default;
        Span<char> close = stackalloc char[tag.Length + 3];
        close[0] = '<';
        close[1] = '/';
        tag.CopyTo(close[2..]);
        close[^1] = '>';
        int end = prompt.LastIndexOf(close);
        if (end < 0)
        {
            return false;
        }

        // "<tag>" is "</tag>" without the slash; it cannot overlap the closing tag, so searching before it is enough.
        Span<char> open = close[1..];
        open[0] = '<';
        int start = prompt[..end].LastIndexOf(open);
        if (start < 0)
        {
            return false;
        }

        section = prompt[(start + open.Length)..end].Trim();
        return true;
    }

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
