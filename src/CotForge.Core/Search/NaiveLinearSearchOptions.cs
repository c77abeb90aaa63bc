namespace CotForge.Core.Search;

/// <summary>Settings of <see cref="NaiveLinearSearch"/>.</summary>
public sealed class NaiveLinearSearchOptions
{
    /// <summary>
    /// The deepest node the chain may reach; the root (initialize) is depth 0, so a chain holds at most
    /// <c>MaxDepth + 1</c> steps. Default 3. Must be between 0 and 64.
    /// </summary>
    public int MaxDepth { get; init; } = 3;

    /// <summary>How many times a strategy step whose reply does not parse is asked again. Default 2. Between 0 and 10.</summary>
    public int ParseRetries { get; init; } = 2;

    /// <summary>Checks every option and reports all problems in one message.</summary>
    /// <exception cref="ArgumentException">An option is out of range; the message names it and its value.</exception>
    public void Validate()
    {
        var problems = new List<string>();
        OptionChecks.Range(problems, nameof(MaxDepth), MaxDepth, 0, 64);
        OptionChecks.Range(problems, nameof(ParseRetries), ParseRetries, 0, 10);
        OptionChecks.ThrowIfAny(problems, nameof(NaiveLinearSearchOptions));
    }
}
