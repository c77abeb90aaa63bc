namespace CotForge.Core.Scoring;

/// <summary>One candidate: an id (the node id in beam search) and its final answer, if it has one.</summary>
/// <param name="Id">Unique within the request.</param>
/// <param name="FinalAnswer">The candidate's final answer, or null.</param>
public sealed record ScoringOption(string Id, string? FinalAnswer);
