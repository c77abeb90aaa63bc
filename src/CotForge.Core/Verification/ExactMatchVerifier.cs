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
    public ValueTask<VerificationResult> VerifyAsync(VerificationRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        cancellationToken.ThrowIfCancellationRequested();
        if (request.CandidateAnswer is null)
        {
            return ValueTask.FromResult(new VerificationResult(false, "The chain states no final answer, so there is nothing to compare."));
        }

        string candidate = Normalize(request.CandidateAnswer);
        string truth = Normalize(request.GroundTruth);
        var comparison = _options.CaseSensitive ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;
        bool match = candidate.Length > 0 && string.Equals(candidate, truth, comparison);
        string explanation = match
            ? $"'{candidate}' matches the ground truth."
            : $"'{candidate}' does not match the ground truth '{truth}'{(_options.CaseSensitive ? " (case-sensitive)" : string.Empty)}.";
        return ValueTask.FromResult(new VerificationResult(match, explanation));
    }

    /// <summary>Trims, drops trailing '.', '!' and '?', and collapses runs of whitespace to one space.</summary>
    internal static string Normalize(string text)
    {
        string trimmed = text.Trim().TrimEnd('.', '!', '?').TrimEnd();
        var sb = new System.Text.StringBuilder(trimmed.Length);
        bool space = false;
        foreach (char c in trimmed)
        {
            if (char.IsWhiteSpace(c))
            {
                space = true;
                continue;
            }

            if (space && sb.Length > 0)
            {
                sb.Append(' ');
            }

            space = false;
            sb.Append(c);
        }

        return sb.ToString();
    }

    /// <inheritdoc />
    public JsonObject Describe() => new() { ["name"] = Name, ["case_sensitive"] = _options.CaseSensitive };
}
