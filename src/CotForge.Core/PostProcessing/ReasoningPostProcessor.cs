using System.Text.Json.Nodes;
using CotForge.Core.Items;
using CotForge.Core.Llm;
using CotForge.Core.Parsing;
using CotForge.Core.Prompts;
using CotForge.Core.Reasoning;
using CotForge.Core.Search;
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

    /// <summary>Clock for call timings. Default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>The settings in use.</summary>
    public PostProcessingOptions Options => _options;

    /// <summary>Post-processes one item's search result; the chains are processed concurrently, results in terminal-node order.</summary>
    /// <remarks>
    /// Each element carries <c>node_id</c>, <c>success</c>, <c>natural_reasoning</c>, <c>formal_answer</c> and
    /// <c>full_response</c> (cot-forge's names for the two texts and their combination). A result with nothing to
    /// process yields an empty list.
    /// </remarks>
    /// <exception cref="ReasoningFailureException">A reply stayed unusable after retries (stage <c>post_process</c>).</exception>
    public async ValueTask<ProcessedItem> ProcessAsync(SearchResult result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(result);
        var nodes = _options.IncludeUnsuccessful ? result.TerminalNodes : result.SuccessfulNodes;
        if (nodes.Count == 0)
        {
            return new ProcessedItem([]);
        }

        // The simulated provider and token accounting read the ambient item; enter it unless the caller already did.
        using var scope = ItemScope.EnterIfNeeded(result.Question, result.GroundTruthAnswer);
        var processed = await ConcurrentCalls.RunAllAsync(
            nodes.Select(node => (Func<CancellationToken, Task<JsonObject>>)(ct => ProcessNodeAsync(result.Question, node, ct))).ToList(),
            cancellationToken).ConfigureAwait(false);
        return new ProcessedItem(processed);
    }

    private async Task<JsonObject> ProcessNodeAsync(string question, ReasoningNode node, CancellationToken cancellationToken)
    {
        var natural = await ChatCall.AskAsync(
            _client,
            PromptTemplates.NaturalReasoning(question, node.FullCot()),
            _chatOptions,
            TimeProvider,
            ResponseParser.ParseNaturalReasoning,
            _options.ParseRetries,
            FailureStages.PostProcess,
            FailureKinds.UnparseableOutput,
            $"The natural-reasoning rewrite of node '{node.Id}'",
            cancellationToken).ConfigureAwait(false);
        var formal = await ChatCall.AskAsync(
            _client,
            PromptTemplates.FormalAnswer(question, natural.Value),
            _chatOptions,
            TimeProvider,
            ResponseParser.ParseFormalAnswer,
            _options.ParseRetries,
            FailureStages.PostProcess,
            FailureKinds.EmptyOutput,
            $"The formal answer of node '{node.Id}'",
            cancellationToken).ConfigureAwait(false);
        string tag = _options.ThinkingTag;
        return new JsonObject
        {
            ["node_id"] = node.Id,
            ["success"] = node.Success,
            ["natural_reasoning"] = natural.Value,
            ["formal_answer"] = formal.Value,
            ["full_response"] = $"<{tag}>{natural.Value}</{tag}>\n\n{formal.Value}",
        };
    }

    /// <summary>The post-processor and its settings, for config.json.</summary>
    public JsonObject Describe() => new()
    {
        ["thinking_tag"] = _options.ThinkingTag,
        ["include_unsuccessful"] = _options.IncludeUnsuccessful,
        ["parse_retries"] = _options.ParseRetries,
        ["model"] = _chatOptions?.ModelId,
    };
}
