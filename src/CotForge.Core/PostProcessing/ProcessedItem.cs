using System.Text.Json.Nodes;

namespace CotForge.Core.PostProcessing;

/// <summary>The post-processed chains of one item: the elements of processed_results' <c>chain_of_thought_responses</c>.</summary>
/// <param name="ChainOfThoughtResponses">
/// One object per processed terminal node: <c>node_id</c>, <c>success</c>, <c>natural_reasoning</c>,
/// <c>formal_answer</c> and <c>full_response</c> (<c>&lt;thinking&gt;…&lt;/thinking&gt;\n\nformal answer</c>).
/// </param>
public sealed record ProcessedItem(IReadOnlyList<JsonObject> ChainOfThoughtResponses);
