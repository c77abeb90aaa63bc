namespace CotForge.Cli.Infrastructure;

/// <summary>
/// What a command may read from the process around it. Injected so tests can set environment variables
/// (an API key) for one in-process run without touching the real process environment, and control time.
/// </summary>
internal sealed class CliEnvironment
{
    /// <summary>Reads an environment variable; defaults to the process environment.</summary>
    public Func<string, string?> GetVariable { get; init; } = Environment.GetEnvironmentVariable;

    /// <summary>Clock for rates, ETAs and the progress cadence.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>How often the live display redraws (default 250 ms).</summary>
    public TimeSpan LiveRefreshInterval { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>How often a plain progress line is written when the output is not a terminal (default 5 s).</summary>
    public TimeSpan PlainProgressInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The environment of this process.</summary>
    public static CliEnvironment FromProcess() => new();
}
