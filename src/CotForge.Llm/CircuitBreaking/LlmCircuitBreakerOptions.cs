namespace CotForge.Llm;

/// <summary>
/// When an endpoint's circuit opens: at least <see cref="MinimumThroughput"/> attempts within
/// <see cref="SamplingDuration"/> of which at least <see cref="FailureRatio"/> failed with a server error, timeout or
/// transport error (429s show a live endpoint and do not count). It stays open for <see cref="BreakDuration"/>, then
/// lets one trial call through and closes when it succeeds.
/// </summary>
public sealed class LlmCircuitBreakerOptions
{
    /// <summary>Share of failed attempts that opens the circuit; default 0.8, above 0 and at most 1.</summary>
    public double FailureRatio { get; set; } = 0.8;

    /// <summary>Attempts needed in the window before the ratio counts; default 10, at least 2.</summary>
    public int MinimumThroughput { get; set; } = 10;

    /// <summary>The window over which failures are counted; default 30 seconds, at least 0.5 seconds.</summary>
    public TimeSpan SamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long the circuit stays open before a trial call; default 30 seconds, at least 0.5 seconds.</summary>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Turns the breaker off entirely; default true (on).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Throws one <see cref="LlmConfigurationException"/> naming each bad option and value.</summary>
    public void Validate()
    {
        var problems = new List<string>();
        if (FailureRatio is <= 0 or > 1 || double.IsNaN(FailureRatio))
        {
            problems.Add($"'FailureRatio' must be above 0 and at most 1; was {FailureRatio}.");
        }

        if (MinimumThroughput < 2)
        {
            problems.Add($"'MinimumThroughput' must be at least 2; was {MinimumThroughput}.");
        }

        if (SamplingDuration < TimeSpan.FromMilliseconds(500))
        {
            problems.Add($"'SamplingDuration' must be at least 0.5 s; was {SamplingDuration}.");
        }

        if (BreakDuration < TimeSpan.FromMilliseconds(500))
        {
            problems.Add($"'BreakDuration' must be at least 0.5 s; was {BreakDuration}.");
        }

        if (problems.Count > 0)
        {
            throw new LlmConfigurationException("Invalid circuit breaker options: " + string.Join(" ", problems));
        }
    }
}
