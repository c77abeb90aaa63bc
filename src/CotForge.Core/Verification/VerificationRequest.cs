using CotForge.Core.Reasoning;

namespace CotForge.Core.Verification;

/// <summary>What a verifier judges.</summary>
/// <param name="Question">The question.</param>
/// <param name="GroundTruth">The reference answer.</param>
/// <param name="CandidateAnswer">The chain's final answer (its last Final Conclusion), or null when it has none.</param>
/// <param name="Node">The node whose chain is being judged.</param>
public sealed record VerificationRequest(string Question, string GroundTruth, string? CandidateAnswer, ReasoningNode Node);
