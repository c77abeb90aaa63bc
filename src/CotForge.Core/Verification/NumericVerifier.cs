using System.Globalization;
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
    public ValueTask<VerificationResult> VerifyAsync(VerificationRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        cancellationToken.ThrowIfCancellationRequested();
        double? truth = NumberReader.ReadLast(request.GroundTruth, _options.PercentAsFraction);
        if (truth is null)
        {
            return Result(false, $"The ground truth '{Shorten(request.GroundTruth)}' contains no number; use another verifier for non-numeric answers.");
        }

        double? candidate = NumberReader.ReadLast(request.CandidateAnswer, _options.PercentAsFraction);
        if (candidate is null)
        {
            return Result(false, request.CandidateAnswer is null
                ? "The chain states no final answer, so there is nothing to compare."
                : $"The answer '{Shorten(request.CandidateAnswer)}' contains no number.");
        }

        double difference = Math.Abs(candidate.Value - truth.Value);
        double allowed = Math.Max(_options.AbsoluteTolerance, _options.RelativeTolerance * Math.Max(Math.Abs(candidate.Value), Math.Abs(truth.Value)));
        string a = candidate.Value.ToString("R", CultureInfo.InvariantCulture);
        string b = truth.Value.ToString("R", CultureInfo.InvariantCulture);
        return difference <= allowed
            ? Result(true, $"{a} equals the ground truth {b}.")
            : Result(false, $"{a} differs from the ground truth {b}.");
    }

    private static ValueTask<VerificationResult> Result(bool verified, string explanation) =>
        ValueTask.FromResult(new VerificationResult(verified, explanation));

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..80] + "…";

    /// <inheritdoc />
    public JsonObject Describe() => new()
    {
        ["name"] = Name,
        ["absolute_tolerance"] = _options.AbsoluteTolerance,
        ["relative_tolerance"] = _options.RelativeTolerance,
        ["percent_as_fraction"] = _options.PercentAsFraction,
    };
}
