using System.Text.Json.Nodes;

namespace CotForge.Storage;

/// <summary>
/// One finished item handed to <see cref="DatasetWriter.AppendAsync"/>: it becomes one line of results.jsonl and one
/// line of the post-processed file (processed_results.jsonl, or reasoning.jsonl in a directory cot-forge created).
/// </summary>
/// <param name="Id">The item id (lowercase hex MD5 of <c>question:ground_truth</c>).</param>
/// <param name="Question">The question text.</param>
/// <param name="GroundTruth">The ground-truth answer.</param>
/// <param name="Success">True when a verified chain was found (outcome succeeded), false for unverified.</param>
/// <param name="Timestamp">When the item finished; written in Python <c>isoformat</c> style.</param>
/// <param name="ResultJson">The serialized search tree (a JSON object), stored verbatim as the <c>result</c> value.</param>
/// <param name="ChainOfThoughtResponses">The post-processed chains; may be empty for an unverified item.</param>
public sealed record CompletedItem(string Id, string Question, string GroundTruth, bool Success, DateTimeOffset Timestamp,
    ReadOnlyMemory<byte> ResultJson, IReadOnlyList<JsonObject> ChainOfThoughtResponses)
{
    /// <summary>
    /// The caller vouches that <see cref="ResultJson"/> is exactly one JSON value with no raw line break, as
    /// <c>SearchTreeSerializer.SerializeToUtf8Bytes</c> writes it; the writer then skips its checking pass over the
    /// bytes (a full JSON read of every ~6 KB tree, several per cent of a zero-latency run's CPU). Leave it false for
    /// bytes from anywhere else: a false promise would write a broken line.
    /// </summary>
    public bool ResultIsCompactJson { get; init; }
}
