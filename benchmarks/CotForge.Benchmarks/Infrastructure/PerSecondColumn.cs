using System.Globalization;
using System.Reflection;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace CotForge.Benchmarks.Infrastructure;

/// <summary>Units of work per second from the mean time (see <see cref="UnitsPerOperationAttribute"/>).</summary>
internal sealed class PerSecondColumn : IColumn
{
    private static readonly string[] ConventionalParameters = ["Items", "Rows", "Records"];

    public string Id => nameof(PerSecondColumn);

    public string ColumnName => "Rate";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => "Units of work per second at the mean time (items, rows or ids per operation ÷ Mean)";

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public bool IsAvailable(Summary summary) => summary.BenchmarksCases.Any(c => Units(c) is not null);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, summary.Style);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        double? meanNs = summary[benchmarkCase]?.ResultStatistics?.Mean;
        if (Units(benchmarkCase) is not { } units || meanNs is not > 0)
        {
            return "-";
        }

        return Format(units.Count / (meanNs.Value / 1e9)) + " " + units.Unit + "/s";
    }

    /// <summary>Rates with thousands separators and no false precision.</summary>
    public static string Format(double perSecond) =>
        perSecond >= 100 ? perSecond.ToString("N0", CultureInfo.InvariantCulture) : perSecond.ToString("N1", CultureInfo.InvariantCulture);

    /// <summary>The units one operation of <paramref name="benchmarkCase"/> does, or null when unknown.</summary>
    public static (double Count, string Unit)? Units(BenchmarkCase benchmarkCase)
    {
        var declared = benchmarkCase.Descriptor.WorkloadMethod.GetCustomAttribute<UnitsPerOperationAttribute>()
            ?? benchmarkCase.Descriptor.Type.GetCustomAttribute<UnitsPerOperationAttribute>();
        if (declared is not null)
        {
            if (declared.Parameter is { } name)
            {
                return SizeOf(benchmarkCase, name) is { } value ? (value, declared.Unit) : null;
            }

            return declared.Count > 0 ? (declared.Count, declared.Unit) : null;
        }

        foreach (string name in ConventionalParameters)
        {
            if (Parameter(benchmarkCase, name) is { } value)
            {
                return (value, name.ToLowerInvariant());
            }
        }

        return null;
    }

    /// <summary>
    /// The parameter <paramref name="name"/>, or else the number the benchmark recorded under its lower-case name
    /// (for sizes derived from other parameters), or null.
    /// </summary>
    public static double? SizeOf(BenchmarkCase benchmarkCase, string name) =>
        Parameter(benchmarkCase, name)
        ?? (RunMetrics.Read(RunMetrics.Key(benchmarkCase)) is { } values && values.TryGetValue(name.ToLowerInvariant(), out double value) ? value : null);

    /// <summary>A numeric parameter's value, or null.</summary>
    public static double? Parameter(BenchmarkCase benchmarkCase, string name)
    {
        object? value = benchmarkCase.Parameters.Items.FirstOrDefault(p => p.Name == name)?.Value;
        return value is IConvertible convertible and not string and not Enum
            ? convertible.ToDouble(CultureInfo.InvariantCulture)
            : null;
    }

    public override string ToString() => ColumnName;
}
