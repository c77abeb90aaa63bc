namespace CotForge.Llm;

/// <summary>
/// How the retry middleware spaces its attempts: exponential backoff from <see cref="BaseDelay"/> with "equal jitter"
/// (a random delay between half and all of the backoff) up to <see cref="MaxDelay"/>, or exactly the endpoint's
/// Retry-After when it sent one (also capped at <see cref="MaxDelay"/>).
/// </summary>
public sealed class LlmRetryOptions
{
    /// <summary>Retries after the first attempt; default 6, between 0 and 100.</summary>
    public int MaxRetries { get; set; } = 6;

    /// <summary>Backoff before the first retry; doubled for each further one. Default 1 second.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest wait between attempts, also the cap on Retry-After; default 60 seconds.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Source of jitter in [0, 1); default a thread-safe shared random. Tests pin it.</summary>
    public Func<double> Randomizer { get; set; } = Random.Shared.NextDouble;

    /// <summary>Creates the options of a role's settings.</summary>
    public static LlmRetryOptions From(LlmRoleSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new LlmRetryOptions { MaxRetries = settings.MaxRetries, BaseDelay = settings.RetryBaseDelay, MaxDelay = settings.MaxRetryDelay };
    }

    /// <summary>The wait before retry number <paramref name="retry"/> (0 for the first) after <paramref name="failure"/>.</summary>
    public TimeSpan DelayFor(int retry, Exception? failure)
    {
        if (failure is LlmTransientException { RetryAfter: { } retryAfter })
        {
            return retryAfter < TimeSpan.Zero ? TimeSpan.Zero : retryAfter > MaxDelay ? MaxDelay : retryAfter;
        }

        double backoff = BaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(retry, 30));
        double capped = Math.Min(backoff, MaxDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(capped * (0.5 + (0.5 * Randomizer())));
    }

    /// <summary>Throws one <see cref="LlmConfigurationException"/> naming each bad option.</summary>
    public void Validate()
    {
        if (MaxRetries is < 0 or > 100)
        {
            throw new LlmConfigurationException($"'MaxRetries' must be between 0 and 100; was {MaxRetries}.");
        }

        if (BaseDelay < TimeSpan.Zero || MaxDelay < BaseDelay)
        {
            throw new LlmConfigurationException($"'BaseDelay' must be at least 0 and at most 'MaxDelay'; were {BaseDelay} and {MaxDelay}.");
        }

        ArgumentNullException.ThrowIfNull(Randomizer);
    }
}
