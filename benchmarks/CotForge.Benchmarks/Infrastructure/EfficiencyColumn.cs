using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace CotForge.Benchmarks.Infrastructure;

/// <summary>
/// Measured throughput against the ideal of a latency-bound run: with <c>InFlight</c> items in flight and every call
/// taking <c>LatencyMs</c>, an item cannot finish faster than (rounds of calls per item × latency), so the ideal is
/// InFlight ÷ (rounds per item × latency). For naive search a round is one call. Needs the <c>Items</c>,
/// <c>InFlight</c> and <c>LatencyMs</c> parameters and the recorded <c>rounds_per_item</c>.
/// </summary>
internal sealed class EfficiencyColumn(bool ideal) : IColumn
{
    public string Id => nameof(EfficiencyColumn) + (ideal ? ".Ideal" : ".Efficiency");

    public string ColumnName => ideal ? "Ideal" : "Efficiency";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 2;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => ideal
        ? "Ideal items/s when only latency limits: InFlight ÷ (rounds of calls per item × LatencyMs)"
        : "Rate at the mean time ÷ Ideal";

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public bool IsAvailable(Summary summary) => summary.BenchmarksCases.Any(c => Ideal(c) is not null);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, summary.Style);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        if (Ideal(benchmarkCase) is not { } best)
        {
            return "-";
        }

        if (ideal)
        {
            return PerSecondColumn.Format(best) + " items/s";
        }

        double? meanNs = summary[benchmarkCase]?.ResultStatistics?.Mean;
        if (meanNs is not > 0 || PerSecondColumn.SizeOf(benchmarkCase, "Items") is not { } items)
        {
            return "-";
        }

        return (items / (meanNs.Value / 1e9) / best).ToString("P1", CultureInfo.InvariantCulture);
    }

    /// <summary>The ideal items/s of <paramref name="benchmarkCase"/>, or null when it is not a latency-bound case.</summary>
    public static double? Ideal(BenchmarkCase benchmarkCase)
    {
        double? inFlight = PerSecondColumn.Parameter(benchmarkCase, "InFlight");
        double? latencyMs = PerSecondColumn.Parameter(benchmarkCase, "LatencyMs");
        if (inFlight is null || latencyMs is not > 0
            || RunMetrics.Read(RunMetrics.Key(benchmarkCase)) is not { } values
            || !values.TryGetValue("rounds_per_item", out double rounds) || rounds <= 0)
        {
            return null;
        }

        return inFlight.Value / (rounds * latencyMs.Value / 1000.0);
    }

    public override string ToString() => ColumnName;
}
