namespace CotForge.Core.PostProcessing;

/// <summary>Settings of <see cref="ReasoningPostProcessor"/>.</summary>
public sealed class PostProcessingOptions
{
    /// <summary>The tag wrapped around the natural reasoning: <c>&lt;thinking&gt;…&lt;/thinking&gt;</c>. Default <c>thinking</c>.
    /// Letters, digits, '_' and '-' only.</summary>
    public string ThinkingTag { get; init; } = "thinking";

    /// <summary>Also process terminal nodes that did not verify. Default false (successful terminal nodes only).</summary>
    public bool IncludeUnsuccessful { get; init; }

    /// <summary>How many times an unparseable or empty reply is asked again. Default 2. Between 0 and 10.</summary>
    public int ParseRetries { get; init; } = 2;

    /// <summary>Checks every option.</summary>
    /// <exception cref="ArgumentException">An option is invalid; the message names it and its value.</exception>
    public void Validate()
    {
        var problems = new List<string>();
        if (string.IsNullOrEmpty(ThinkingTag) || !ThinkingTag.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
        {
            problems.Add($"'ThinkingTag' must be letters, digits, '_' or '-'; was '{ThinkingTag}'.");
        }

        OptionChecks.Range(problems, nameof(ParseRetries), ParseRetries, 0, 10);
        OptionChecks.ThrowIfAny(problems, nameof(PostProcessingOptions));
    }
}
