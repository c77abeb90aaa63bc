using System.Text.Json.Nodes;
using CotForge.Core.Reasoning;
using Microsoft.Extensions.AI;

namespace CotForge.Core.PostProcessing;

/// <summary>
/// Turns verified chains into training text: for each successful terminal node (or every terminal node when
/// <see cref="PostProcessingOptions.IncludeUnsuccessful"/>), a natural-reasoning rewrite of its full CoT, then a
/// formal answer, combined as <c>&lt;thinking&gt;…&lt;/thinking&gt;\n\nformal answer</c>.
/// </summary>
public sealed class ReasoningPostProcessor
{
    private readonly IChatClient _client;
    private readonly ChatOptions? _chatOptions;
    private readonly PostProcessingOptions _options;

    /// <summary>Creates the post-processor.</summary>
    /// <param name="client">The post-processing model.</param>
    /// <param name="options">Options for every call; null for the client's defaults.</param>
    /// <param name="o">Settings; defaults when null.</param>
    /// <exception cref="ArgumentException">A setting is invalid.</exception>
    public ReasoningPostProcessor(IChatClient client, ChatOptions? options = null, PostProcessingOptions? o = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
        _chatOptions = options;
        _options = o ?? new PostProcessingOptions();
        _options.Validate();
    }

    /// <summary>Post-processes one item's search result.</summary>
    /// <exception cref="Search.ReasoningFailureException">A reply stayed unusable after retries (stage <c>post_process</c>).</exception>
    public ValueTask<ProcessedItem> ProcessAsync(SearchResult result, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException("Arrives with the post-processing commit.");

    /// <summary>The post-processor and its settings, for config.json.</summary>
    public JsonObject Describe() => new()
    {
        ["thinking_tag"] = _options.ThinkingTag,
        ["include_unsuccessful"] = _options.IncludeUnsuccessful,
        ["parse_retries"] = _options.ParseRetries,
        ["model"] = _chatOptions?.ModelId,
    };
}
