namespace CotForge.Cli.Commands.Run.Config;

/// <summary><c>"simulation"</c>: the offline simulated provider's latency and fault injection.</summary>
internal sealed class SimulationSection
{
    /// <summary>Mean latency per call in milliseconds. Default: 20.</summary>
    public int? LatencyMs { get; set; }

    /// <summary>Draw latencies from a long-tailed distribution around the mean, like real endpoints. Default: false.</summary>
    public bool? LongTailLatency { get; set; }

    /// <summary>Share of calls that fail transiently, 0 to 1. Default: 0.</summary>
    public double? ErrorRate { get; set; }

    public static SimulationSection? Merge(SimulationSection? over, SimulationSection? under) => over is null ? under : under is null ? over : new()
    {
        LatencyMs = over.LatencyMs ?? under.LatencyMs,
        ErrorRate = over.ErrorRate ?? under.ErrorRate,
        LongTailLatency = over.LongTailLatency ?? under.LongTailLatency,
    };
}
