namespace CotForge.Core.Reasoning;

/// <summary>
/// One step of a chain of thought. Serialized as <c>{"action", "title"?, "content"}</c>; <paramref name="Title"/>
/// is normally present only on <see cref="CotActions.InnerThinking"/> steps.
/// </summary>
/// <param name="Action">One of <see cref="CotActions"/> (other strings are kept as the model wrote them).</param>
/// <param name="Content">The text of the step.</param>
/// <param name="Title">A short heading, or null.</param>
public sealed record CotStep(string Action, string Content, string? Title = null)
{
    /// <summary>True when this step states the chain's answer.</summary>
    public bool IsFinalConclusion => string.Equals(Action, CotActions.FinalConclusion, StringComparison.Ordinal);
}
