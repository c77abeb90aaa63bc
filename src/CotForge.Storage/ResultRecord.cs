using System.Text.Json;

namespace CotForge.Storage;

/// <summary>One committed line of results.jsonl as read back.</summary>
/// <param name="Id">The item id.</param>
/// <param name="Question">The question text.</param>
/// <param name="GroundTruth">The ground-truth answer.</param>
/// <param name="Success">True for succeeded, false for unverified.</param>
/// <param name="Timestamp">The timestamp exactly as stored (Python isoformat), or null if absent.</param>
/// <param name="Result">The serialized search tree (a detached element; safe to keep).</param>
public sealed record ResultRecord(string Id, string Question, string GroundTruth, bool Success, string? Timestamp, JsonElement Result);
