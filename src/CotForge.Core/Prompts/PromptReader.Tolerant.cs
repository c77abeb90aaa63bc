using System.Text.Json;
using System.Text.RegularExpressions;

namespace CotForge.Core.Prompts;

/// <summary>
/// The tolerant readers the simulated provider answers with: they also accept prompts not written by
/// <see cref="PromptTemplates"/> (a marker after a system preamble, tags named in the instructions before the data,
/// single-quoted option ids, reasoning rendered as prose), where the strict readers above would give up.
/// </summary>
public static partial class PromptReader
{
    private static readonly Dictionary<string, PromptKind> KindsByTag =
        Enum.GetValues<PromptKind>().ToDictionary(PromptProtocol.TagFor, k => k, StringComparer.Ordinal);

    private static readonly Dictionary<string, PromptKind>.AlternateLookup<ReadOnlySpan<char>> KindsBySpan =
        KindsByTag.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The kind named by the prompt's marker line, or null when there is none (or it is unknown).</summary>
    public static PromptKind? DetectKind(string prompt)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        return DetectKind(prompt.AsSpan());
    }

    /// <inheritdoc cref="DetectKind(string)"/>
    /// <remarks>Reads the prompt in place: the simulated provider calls this for every prompt it answers.</remarks>
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

        return KindsBySpan.TryGetValue(rest[..end].Trim(), out var kind) ? kind : null;
    }

    /// <summary>
    /// The trimmed content of the section <paramref name="tag"/>, or null. Takes the last closing tag and the
    /// opening tag nearest before it, so instructions that merely mention a tag earlier in the prompt are skipped.
    /// </summary>
    public static string? Section(string prompt, string tag)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        return TryGetSection(prompt, tag, out var section) ? section.ToString() : null;
    }

    /// <summary>As <see cref="Section"/>, without copying the section out of the prompt.</summary>
    public static bool TryGetSection(ReadOnlySpan<char> prompt, string tag, out ReadOnlySpan<char> section)
    {
        ArgumentNullException.ThrowIfNull(tag);
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

    /// <summary>The scoring options <c>&lt;option id="..."&gt;answer&lt;/option&gt;</c> in prompt order.</summary>
    public static IReadOnlyList<(string Id, string Text)> Options(string prompt) =>
        OptionPattern().Matches(prompt).Select(m => (m.Groups["id"].Value, m.Groups["text"].Value.Trim())).ToList();

    /// <summary>
    /// The reasoning steps of a JSON array of <c>{action, title?, content}</c>, or null when the text is not one.
    /// </summary>
    public static IReadOnlyList<(string Action, string? Title, string Content)>? Steps(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }

        // Only an object or an array can hold steps; anything else (the prose of a formal-answer prompt) would make
        // JsonDocument throw, and an exception per call was a large share of the simulator's cost.
        char first = json[json.AsSpan().IndexOfAnyExcept(" \t\r\n")];
        if (first is not ('[' or '{'))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object && TryGetProperty(root, "CoT", out var cot))
            {
                root = cot;
            }

            if (root.ValueKind != JsonValueKind.Array)
            {
                return null;
            }

            var steps = new List<(string, string?, string)>();
            foreach (var element in root.EnumerateArray())
            {
                if (element.ValueKind != JsonValueKind.Object)
                {
                    continue;
                }

                steps.Add((Text(element, "action") ?? string.Empty, Text(element, "title"), Text(element, "content") ?? string.Empty));
            }

            return steps;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>How many conclusions the reasoning so far holds (the depth of the step being asked for).</summary>
    public static int CountConclusions(string? previousReasoning)
    {
        if (string.IsNullOrWhiteSpace(previousReasoning))
        {
            return 0;
        }

        if (Steps(previousReasoning) is { } steps)
        {
            return steps.Count(s => string.Equals(s.Action, "Final Conclusion", StringComparison.OrdinalIgnoreCase));
        }

        // Not JSON (a prompt that renders reasoning as text): count the action names instead.
        int count = 0;
        for (int i = previousReasoning.IndexOf("Final Conclusion", StringComparison.OrdinalIgnoreCase);
             i >= 0;
             i = previousReasoning.IndexOf("Final Conclusion", i + 1, StringComparison.OrdinalIgnoreCase))
        {
            count++;
        }

        return count;
    }

    private static bool TryGetProperty(JsonElement element, string name, out JsonElement value)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                value = property.Value;
                return true;
            }
        }

        value = default;
        return false;
    }

    private static string? Text(JsonElement element, string name) =>
        TryGetProperty(element, name, out var value)
            ? value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText()
            : null;

    [GeneratedRegex("""<option\s+id\s*=\s*["'](?<id>[^"']*)["']\s*>(?<text>.*?)</option>""", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex OptionPattern();
}
