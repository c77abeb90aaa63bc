using System.Globalization;

namespace CotForge.Storage.Jsonl;

/// <summary>
/// Timestamps as Python's <c>datetime.isoformat()</c> writes them (cot-forge's format), so both implementations can
/// parse each other's files: microsecond precision, the fraction omitted when it is zero, and the UTC offset as
/// <c>+HH:MM</c> (an aware datetime).
/// </summary>
internal static class PythonIsoFormat
{
    public static string Format(DateTimeOffset value)
    {
        long microseconds = value.Ticks / 10 % 1_000_000;
        string main = value.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
        string fraction = microseconds == 0 ? string.Empty : "." + microseconds.ToString("D6", CultureInfo.InvariantCulture);
        TimeSpan offset = value.Offset;
        char sign = offset < TimeSpan.Zero ? '-' : '+';
        offset = offset.Duration();
        return string.Create(CultureInfo.InvariantCulture, $"{main}{fraction}{sign}{offset.Hours:D2}:{offset.Minutes:D2}");
    }

    /// <summary>Parses an isoformat timestamp; naive values (no offset, as cot-forge writes them) are taken as local time.</summary>
    public static DateTimeOffset? TryParse(string? text) =>
        text is not null && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeLocal, out var parsed)
            ? parsed
            : null;
}
