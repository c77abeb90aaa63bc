namespace CotForge.Core.Search;

/// <summary>The values of <see cref="ReasoningFailureException.Kind"/> the engine raises.</summary>
public static class FailureKinds
{
    /// <summary>The model's reply could not be parsed into the expected schema, even after retries.</summary>
    public const string UnparseableOutput = "unparseable_output";

    /// <summary>The judge model gave no usable verdict after retries; the chain is not silently counted as wrong.</summary>
    public const string VerifierUnavailable = "verifier_unavailable";

    /// <summary>The model client threw (after whatever retries its middleware does).</summary>
    public const string ProviderError = "provider_error";

    /// <summary>The model client timed out without the caller asking to cancel.</summary>
    public const string Timeout = "timeout";

    /// <summary>The model replied with nothing at all, after retries.</summary>
    public const string EmptyOutput = "empty_output";

    /// <summary>No registered strategy may be used at the depth the search reached.</summary>
    public const string NoEligibleStrategy = "no_eligible_strategy";
}
