namespace CotForge.Core.Verification;

/// <summary>Settings of <see cref="ExactMatchVerifier"/>.</summary>
public sealed class ExactMatchOptions
{
    /// <summary>Compare letters case-sensitively. Default false ("Paris" matches "paris").</summary>
    public bool CaseSensitive { get; init; }
}
