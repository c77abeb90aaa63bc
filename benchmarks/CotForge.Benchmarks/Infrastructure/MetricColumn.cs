using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace CotForge.Benchmarks.Infrastructure;

/// <summary>A number the benchmark recorded through <see cref="RunMetrics"/> (e.g. model calls per item).</summary>
internal sealed class MetricColumn(string name, string metric, string format, string legend) : IColumn
{
    public string Id => nameof(MetricColumn) + "." + metric;

    public string ColumnName => name;

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 1;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => legend;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public bool IsAvailable(Summary summary) => summary.BenchmarksCases.Any(c => Value(c) is not null);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, summary.Style);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) =>
        Value(benchmarkCase) is { } value ? value.ToString(format, CultureInfo.InvariantCulture) : "-";

    private double? Value(BenchmarkCase benchmarkCase) =>
        RunMetrics.Read(RunMetrics.Key(benchmarkCase)) is { } values && values.TryGetValue(metric, out double value) ? value : null;

    public override string ToString() => ColumnName;
}
