namespace CotForge.Core.Scoring;

/// <summary>The candidates to score against one question.</summary>
/// <param name="Question">The question.</param>
/// <param name="GroundTruth">The reference answer.</param>
/// <param name="Options">The candidates; ids are unique.</param>
public sealed record ScoringRequest(string Question, string GroundTruth, IReadOnlyList<ScoringOption> Options);
