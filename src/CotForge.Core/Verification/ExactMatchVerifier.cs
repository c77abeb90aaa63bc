using System.Text.Json.Nodes;

namespace CotForge.Core.Verification;

/// <summary>
/// Verifies by text: both answers trimmed, trailing <c>.</c>, <c>!</c> and <c>?</c> dropped, runs of whitespace
/// collapsed, then compared (case-insensitively unless <see cref="ExactMatchOptions.CaseSensitive"/>).
/// </summary>
public sealed class ExactMatchVerifier : IVerifier
{
    private readonly ExactMatchOptions _options;

    /// <summary>Creates the verifier.</summary>
    public ExactMatchVerifier(ExactMatchOptions? options = null) => _options = options ?? new ExactMatchOptions();

    /// <inheritdoc />
    public string Name => "exact_match";

    /// <inheritdoc />
    public ValueTask<VerificationResult> VerifyAsync(VerificationRequest request, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException("Arrives with the verifier commit.");

    /// <inheritdoc />
    public JsonObject Describe() => new() { ["name"] = Name, ["case_sensitive"] = _options.CaseSensitive };
}
