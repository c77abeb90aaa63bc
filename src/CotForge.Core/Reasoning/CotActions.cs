namespace CotForge.Core.Reasoning;

/// <summary>
/// The actions a chain-of-thought step can carry. They are the same strings cot-forge writes, so trees move
/// between the two implementations unchanged.
/// </summary>
public static class CotActions
{
    /// <summary>A look back over the question or the reasoning so far.</summary>
    public const string Review = "Review";

    /// <summary>A titled piece of working; the bulk of a chain.</summary>
    public const string InnerThinking = "Inner Thinking";

    /// <summary>The step that states the answer; the final answer of a chain is the content of the last one.</summary>
    public const string FinalConclusion = "Final Conclusion";

    /// <summary>
    /// Maps the spellings models actually produce (<c>inner_thinking</c>, <c>FINAL CONCLUSION</c>, <c>review</c>)
    /// onto the canonical action; anything unrecognised comes back trimmed but otherwise unchanged.
    /// </summary>
    public static string Normalize(string action)
    {
        ArgumentNullException.ThrowIfNull(action);
        string trimmed = action.Trim();
        Span<char> buffer = trimmed.Length <= 64 ? stackalloc char[trimmed.Length] : new char[trimmed.Length];
        int n = 0;
        foreach (char c in trimmed)
        {
            if (char.IsLetter(c))
            {
                buffer[n++] = char.ToLowerInvariant(c);
            }
        }

        return buffer[..n] switch
        {
            "review" => Review,
            "innerthinking" => InnerThinking,
            "finalconclusion" => FinalConclusion,
            _ => trimmed,
        };
    }
}
