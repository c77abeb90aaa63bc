namespace CotForge.Core.Verification;

/// <summary>A verdict and why.</summary>
/// <param name="Verified">True when the candidate agrees with the ground truth.</param>
/// <param name="Explanation">Why, in a sentence; stored in the node's metadata.</param>
public readonly record struct VerificationResult(bool Verified, string? Explanation);
