namespace CotForge.Core.Search;

/// <summary>One item to search.</summary>
/// <param name="Question">The question.</param>
/// <param name="GroundTruth">The reference answer the verifier compares against.</param>
/// <param name="Seed">Seeds the strategy choice, so the same item with the same seed takes the same path.</param>
public sealed record SearchRequest(string Question, string GroundTruth, int Seed);
