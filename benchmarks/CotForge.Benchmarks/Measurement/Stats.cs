using System.Globalization;

namespace CotForge.Benchmarks.Measurement;

/// <summary>Medians and ranges of repeated measurements, formatted for the reports.</summary>
internal static class Stats
{
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        int middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /// <summary>"median (min–max)" with <paramref name="format"/>, or just the value for one run.</summary>
    public static string Summary(IReadOnlyCollection<double> values, string format = "N0")
    {
        string median = Median(values).ToString(format, CultureInfo.InvariantCulture);
        return values.Count < 2
            ? median
            : $"{median} ({values.Min().ToString(format, CultureInfo.InvariantCulture)}–{values.Max().ToString(format, CultureInfo.InvariantCulture)})";
    }

    public static string Number(double value, string format = "N0") => value.ToString(format, CultureInfo.InvariantCulture);

    /// <summary>"met" or "missed" against a target, with the value as a multiple of the target.</summary>
    public static string Verdict(double value, double target, bool higherIsBetter = true)
    {
        bool met = higherIsBetter ? value >= target : value <= target;
        return (met ? "met" : "**missed**") + $" ({(value / target).ToString("0.00", CultureInfo.InvariantCulture)}× the {(higherIsBetter ? "target" : "limit")})";
    }
}
