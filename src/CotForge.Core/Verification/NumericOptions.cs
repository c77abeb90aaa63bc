namespace CotForge.Core.Verification;

/// <summary>Settings of <see cref="NumericVerifier"/>.</summary>
public sealed class NumericOptions
{
    /// <summary>Largest absolute difference still counted as equal. Default 1e-6. At least 0.</summary>
    public double AbsoluteTolerance { get; init; } = 1e-6;

    /// <summary>Largest difference relative to the larger magnitude still counted as equal. Default 0. Between 0 and 1.</summary>
    public double RelativeTolerance { get; init; }

    /// <summary>
    /// Read <c>50%</c> as 0.5 rather than 50. Default false: a percent sign is treated as a unit, because ground
    /// truths usually write "50%" where the question asks for a percentage.
    /// </summary>
    public bool PercentAsFraction { get; init; }

    /// <summary>Checks every option.</summary>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public void Validate()
    {
        var problems = new List<string>();
        OptionChecks.Range(problems, nameof(AbsoluteTolerance), AbsoluteTolerance, 0, double.MaxValue);
        OptionChecks.Range(problems, nameof(RelativeTolerance), RelativeTolerance, 0, 1);
        OptionChecks.ThrowIfAny(problems, nameof(NumericOptions));
    }
}
