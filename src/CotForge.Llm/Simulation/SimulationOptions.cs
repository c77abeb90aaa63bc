using System.Globalization;
using System.Text.Json.Nodes;

namespace CotForge.Llm.Simulation;

/// <summary>
/// Knobs of the simulated provider: reproducibility (<see cref="Seed"/>), quality (<see cref="BaseCorrectness"/>,
/// <see cref="CorrectnessPerDepth"/>), speed (<see cref="Latency"/>, <see cref="LongTailLatency"/>) and failures
/// (<see cref="ErrorRate"/>, <see cref="FaultMix"/>).
/// </summary>
public sealed class SimulationOptions
{
    /// <summary>Seed of every random choice; equal seeds give equal answers, whatever the concurrency. Default 0.</summary>
    public int Seed { get; set; }

    /// <summary>Time each call takes (the median when <see cref="LongTailLatency"/> is on); default zero.</summary>
    public TimeSpan Latency { get; set; } = TimeSpan.Zero;

    /// <summary>Draw latency from a log-normal distribution around <see cref="Latency"/>, so a few calls are much
    /// slower than most, as with real endpoints; default false (every call takes exactly <see cref="Latency"/>).</summary>
    public bool LongTailLatency { get; set; }

    /// <summary>Shape (sigma) of the long-tailed latency; larger means a heavier tail. Default 0.8, between 0 and 3.</summary>
    public double LatencySigma { get; set; } = 0.8;

    /// <summary>Probability that a call fails with one of the faults of <see cref="FaultMix"/>; default 0, between 0 and 1.</summary>
    public double ErrorRate { get; set; }

    /// <summary>
    /// Relative weights of the faults drawn when a call fails; default: 429 = 4, 500 = 2, 503 = 2, timeout = 1,
    /// malformed JSON = 1, truncated JSON = 1, empty reply = 1. Faults missing from the map never occur.
    /// </summary>
    public IReadOnlyDictionary<SimulatedFault, double> FaultMix { get; set; } = DefaultFaultMix;

    /// <summary>The default <see cref="FaultMix"/>: mostly throttling and server errors, as real runs see.</summary>
    public static IReadOnlyDictionary<SimulatedFault, double> DefaultFaultMix { get; } = new Dictionary<SimulatedFault, double>
    {
        [SimulatedFault.RateLimited] = 4,
        [SimulatedFault.ServerError] = 2,
        [SimulatedFault.ServiceUnavailable] = 2,
        [SimulatedFault.Timeout] = 1,
        [SimulatedFault.MalformedJson] = 1,
        [SimulatedFault.TruncatedJson] = 1,
        [SimulatedFault.EmptyReply] = 1,
    };

    /// <summary>The Retry-After a simulated 429 carries; default 1 second.</summary>
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a simulated timeout hangs before failing (a shorter per-call timeout fires first); default 2 seconds.</summary>
    public TimeSpan TimeoutFaultDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Probability that a first reasoning step (depth 0) concludes with the ground truth; default 0.5.</summary>
    public double BaseCorrectness { get; set; } = 0.5;

    /// <summary>Added to <see cref="BaseCorrectness"/> per earlier conclusion in the chain (capped at 1); default 0.2.</summary>
    public double CorrectnessPerDepth { get; set; } = 0.2;

    /// <summary>Checks every option; throws one <see cref="LlmConfigurationException"/> naming each bad option and value.</summary>
    public void Validate()
    {
        var problems = new List<string>();
        if (Latency < TimeSpan.Zero)
        {
            problems.Add($"'Latency' must not be negative; was {Latency}.");
        }

        if (LatencySigma is < 0 or > 3 || double.IsNaN(LatencySigma))
        {
            problems.Add($"'LatencySigma' must be between 0 and 3; was {LatencySigma}.");
        }

        CheckProbability(problems, nameof(ErrorRate), ErrorRate);
        CheckProbability(problems, nameof(BaseCorrectness), BaseCorrectness);
        CheckProbability(problems, nameof(CorrectnessPerDepth), CorrectnessPerDepth);
        if (FaultMix is null || FaultMix.Values.Any(w => w < 0 || double.IsNaN(w) || double.IsInfinity(w)))
        {
            problems.Add("'FaultMix' weights must be finite and not negative.");
        }
        else if (ErrorRate > 0 && FaultMix.Values.Sum() <= 0)
        {
            problems.Add($"'FaultMix' must give some fault a positive weight when 'ErrorRate' is above 0 (was {ErrorRate}); add a weight or set 'ErrorRate' to 0.");
        }

        if (RetryAfter < TimeSpan.Zero)
        {
            problems.Add($"'RetryAfter' must not be negative; was {RetryAfter}.");
        }

        if (TimeoutFaultDelay < TimeSpan.Zero)
        {
            problems.Add($"'TimeoutFaultDelay' must not be negative; was {TimeoutFaultDelay}.");
        }

        if (problems.Count > 0)
        {
            throw new LlmConfigurationException("Invalid simulation options: " + string.Join(" ", problems));
        }
    }

    /// <summary>The options as recorded in config.json, marked <c>"simulated": true</c>: <see cref="DescribeOutcome"/> and <see cref="DescribePacing"/> together.</summary>
    public JsonObject Describe()
    {
        var json = DescribeOutcome();
        foreach (var (key, value) in DescribePacing())
        {
            json[key] = value?.DeepClone();
        }

        return json;
    }

    /// <summary>The options that decide the replies (seed and correctness), marked <c>"simulated": true</c>.</summary>
    public JsonObject DescribeOutcome() => new()
    {
        ["simulated"] = true,
        ["seed"] = Seed,
        ["base_correctness"] = BaseCorrectness,
        ["correctness_per_depth"] = CorrectnessPerDepth,
    };

    /// <summary>
    /// The options that pace a run without changing what it concludes: latency and faults (a retried fault gives the
    /// answer the clean call would have given).
    /// </summary>
    public JsonObject DescribePacing()
    {
        var mix = new JsonObject();
        foreach (var (fault, weight) in FaultMix.OrderBy(p => p.Key))
        {
            mix[fault.ToString()] = weight;
        }

        return new JsonObject
        {
            ["latency_ms"] = Latency.TotalMilliseconds,
            ["long_tail_latency"] = LongTailLatency,
            ["error_rate"] = ErrorRate,
            ["fault_mix"] = mix,
        };
    }

    private static void CheckProbability(List<string> problems, string name, double value)
    {
        if (value is < 0 or > 1 || double.IsNaN(value))
        {
            problems.Add($"'{name}' must be between 0 and 1; was {value.ToString(CultureInfo.InvariantCulture)}.");
        }
    }
}
