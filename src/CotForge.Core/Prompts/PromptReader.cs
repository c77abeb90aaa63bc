using System.Text.RegularExpressions;

namespace CotForge.Core.Prompts;

/// <summary>
/// Reads a prompt written by <see cref="PromptTemplates"/> back into its parts: the kind from the marker line and
/// the tagged sections. Used by the simulated provider and by tests; it does not need a model.
/// </summary>
public static partial class PromptReader
{
    /// <summary>Reads the kind from the marker on the first non-blank line.</summary>
    public static bool TryGetKind(string prompt, out PromptKind kind)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        kind = default;
        string firstLine = prompt.TrimStart().Split('\n', 2)[0].Trim();
        if (!firstLine.StartsWith(PromptProtocol.KindMarkerPrefix, StringComparison.Ordinal) || !firstLine.EndsWith(']'))
        {
            return false;
        }

        foreach (var candidate in Enum.GetValues<PromptKind>())
        {
            if (string.Equals(firstLine, PromptProtocol.MarkerFor(candidate), StringComparison.Ordinal))
            {
                kind = candidate;
                return true;
            }
        }

        return false;
    }

    /// <summary>The content of the first <c>&lt;tag&gt;…&lt;/tag&gt;</c> section, without the newlines framing it; null when absent.</summary>
    public static string? GetSection(string prompt, string tag)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        ArgumentException.ThrowIfNullOrEmpty(tag);
        string open = PromptProtocol.Open(tag);
        int start = prompt.IndexOf(open, StringComparison.Ordinal);
        if (start < 0)
        {
            return null;
        }

        start += open.Length;
        int end = prompt.IndexOf(PromptProtocol.Close(tag), start, StringComparison.Ordinal);
        return end < 0 ? null : TrimFraming(prompt[start..end]);
    }

    /// <summary>The scoring options, <c>&lt;option id="…"&gt;answer&lt;/option&gt;</c>, in prompt order.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> GetOptions(string prompt)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        return OptionRegex().Matches(prompt)
            .Select(m => KeyValuePair.Create(m.Groups["id"].Value, TrimFraming(m.Groups["body"].Value)))
            .ToArray();
    }

    /// <summary>
    /// The strategy name of a strategy-step prompt (the text before the first ':' of its strategy section), or null.
    /// </summary>
    public static string? GetStrategyName(string prompt)
    {
        string? section = GetSection(prompt, PromptProtocol.StrategyTag);
        int colon = section?.IndexOf(':', StringComparison.Ordinal) ?? -1;
        return colon > 0 ? section![..colon].Trim() : null;
    }

    /// <summary>
    /// The earlier steps a strategy-step prompt carries in its previous-reasoning section (empty for an initial step),
    /// or null when the section is missing or unreadable. The depth of the node the prompt asks for is the number of
    /// nodes before it, i.e. the number of <see cref="Reasoning.CotActions.FinalConclusion"/> steps here, since every
    /// node the engine keeps ends with one.
    /// </summary>
    public static IReadOnlyList<Reasoning.CotStep>? GetPreviousSteps(string prompt)
    {
        string? section = GetSection(prompt, PromptProtocol.PreviousReasoningTag);
        if (section is null)
        {
            return null;
        }

        if (section.Trim() == "[]")
        {
            return [];
        }

        var outcome = Parsing.ResponseParser.ParseCot(section, requireFinalConclusion: false);
        return outcome.IsSuccess ? outcome.Value : null;
    }

    private static string TrimFraming(string text)
    {
        if (text.StartsWith('\n'))
        {
            text = text[1..];
        }

        if (text.EndsWith('\n'))
        {
            text = text[..^1];
        }

        return text;
    }

    [GeneratedRegex("<option id=\"(?<id>[^\"]*)\">(?<body>.*?)</option>", RegexOptions.Singleline)]
    private static partial Regex OptionRegex();
}
