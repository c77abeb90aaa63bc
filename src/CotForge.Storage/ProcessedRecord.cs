using System.Text.Json;

namespace CotForge.Storage;

/// <summary>One committed line of the post-processed file as read back.</summary>
/// <param name="Id">The item id.</param>
/// <param name="Question">The question text.</param>
/// <param name="GroundTruth">The ground-truth answer.</param>
/// <param name="ChainOfThoughtResponses">The JSON array of post-processed chains (a detached element).</param>
public sealed record ProcessedRecord(string Id, string Question, string GroundTruth, JsonElement ChainOfThoughtResponses);
