using System.Text.Json;
using BenchmarkDotNet.Attributes;
using CotForge.Core.Parsing;

namespace CotForge.Benchmarks.Core;

/// <summary>
/// What the lenient parser costs per strategy-step reply: a clean reply (baseline) against the shapes real models
/// send (fenced with prose, raw newlines needing the repair pass, truncated needing cut-backs).
/// </summary>
[MemoryDiagnoser]
public class ResponseParsingBenchmark
{
    private string _clean = string.Empty;
    private string _fencedWithProse = string.Empty;
    private string _rawNewlines = string.Empty;
    private string _truncated = string.Empty;

    /// <summary>Inner-thinking steps per reply: a short step and a long one.</summary>
    [Params(3, 12)]
    public int Steps { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var steps = new List<object> { new { action = "Review", content = "The question asks how many apples remain after the sales." } };
        for (int i = 0; i < Steps; i++)
        {
            steps.Add(new { action = "Inner Thinking", title = $"Step {i}", content = $"Line {i}: 48 / 2 = 24 apples sold in May, so the running total is {48 + (24 * i)}." });
        }

        steps.Add(new { action = "Final Conclusion", content = "72" });
        _clean = JsonSerializer.Serialize(new { CoT = steps });
        _fencedWithProse = "Sure! Here is my reasoning {step by step}:\n```json\n" + _clean + "\n```\nLet me know if anything is unclear.";
        _rawNewlines = _clean.Replace(": 48", ":\n48", StringComparison.Ordinal);
        _truncated = _clean[..(_clean.Length * 3 / 4)];
    }

    [Benchmark(Baseline = true)]
    public bool Clean() => ResponseParser.ParseCot(_clean).IsSuccess;

    [Benchmark]
    public bool FencedWithProse() => ResponseParser.ParseCot(_fencedWithProse).IsSuccess;

    [Benchmark]
    public bool RawNewlines() => ResponseParser.ParseCot(_rawNewlines).IsSuccess;

    [Benchmark]
    public ParseFailureKind Truncated() => ResponseParser.ParseCot(_truncated).FailureKind;
}
