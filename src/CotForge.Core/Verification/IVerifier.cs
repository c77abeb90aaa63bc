using System.Text.Json.Nodes;

namespace CotForge.Core.Verification;

/// <summary>Decides whether a chain's final answer agrees with the ground truth.</summary>
public interface IVerifier
{
    /// <summary>A short name for config.json and node metadata, e.g. <c>llm_judge</c>, <c>exact_match</c>.</summary>
    string Name { get; }

    /// <summary>Judges one candidate answer.</summary>
    /// <exception cref="Search.ReasoningFailureException">No verdict could be reached (stage <c>verify</c>); never a silent "no".</exception>
    ValueTask<VerificationResult> VerifyAsync(VerificationRequest request, CancellationToken cancellationToken = default);

    /// <summary>The verifier and its settings, for config.json (never a secret).</summary>
    JsonObject Describe();
}
