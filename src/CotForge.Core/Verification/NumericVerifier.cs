using System.Text.Json.Nodes;

namespace CotForge.Core.Verification;

/// <summary>
/// Verifies by value: the last number in each answer is read (<c>1,250</c>, <c>1250.0</c>, <c>$1,250</c>,
/// <c>-3</c>, <c>1/2</c>, <c>50%</c>) and the two are compared within a tolerance.
/// </summary>
public sealed class NumericVerifier : IVerifier
{
    private readonly NumericOptions _options;

    /// <summary>Creates the verifier.</summary>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public NumericVerifier(NumericOptions? options = null)
    {
        _options = options ?? new NumericOptions();
        _options.Validate();
    }

    /// <inheritdoc />
    public string Name => "numeric";

    /// <inheritdoc />
    public ValueTask<VerificationResult> VerifyAsync(VerificationRequest request, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException("Arrives with the verifier commit.");

    /// <inheritdoc />
    public JsonObject Describe() => new()
    {
        ["name"] = Name,
        ["absolute_tolerance"] = _options.AbsoluteTolerance,
        ["relative_tolerance"] = _options.RelativeTolerance,
        ["percent_as_fraction"] = _options.PercentAsFraction,
    };
}
