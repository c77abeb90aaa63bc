namespace CotForge.Core.Search;

/// <summary>Settings of <see cref="BeamSearch"/>.</summary>
public sealed class BeamSearchOptions
{
    /// <summary>How many chains are kept alive at once. Default 2. Between 1 and 64.</summary>
    public int BeamWidth { get; init; } = 2;

    /// <summary>How many candidate continuations each live chain gets per step. Default 3. Between 1 and 64.</summary>
    public int BranchingFactor { get; init; } = 3;

    /// <summary>
    /// The deepest node a chain may reach; the root (initialize) is depth 0 and the first expansion creates depth 1.
    /// Default 3. Between 0 and 64.
    /// </summary>
    public int MaxDepth { get; init; } = 3;

    /// <summary>How many times a strategy step whose reply does not parse is asked again. Default 2. Between 0 and 10.</summary>
    public int ParseRetries { get; init; } = 2;

    /// <summary>Checks every option and reports all problems in one message.</summary>
    /// <exception cref="ArgumentException">An option is out of range; the message names it and its value.</exception>
    public void Validate()
    {
        var problems = new List<string>();
        OptionChecks.Range(problems, nameof(BeamWidth), BeamWidth, 1, 64);
        OptionChecks.Range(problems, nameof(BranchingFactor), BranchingFactor, 1, 64);
        OptionChecks.Range(problems, nameof(MaxDepth), MaxDepth, 0, 64);
        OptionChecks.Range(problems, nameof(ParseRetries), ParseRetries, 0, 10);
        OptionChecks.ThrowIfAny(problems, nameof(BeamSearchOptions));
    }
}
