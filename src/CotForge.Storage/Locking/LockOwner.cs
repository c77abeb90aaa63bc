using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CotForge.Storage.Locking;

/// <summary>Who holds a dataset lock: written to <c>cotforge.lock.owner</c> by the holder.</summary>
internal sealed record LockOwner(int ProcessId, DateTimeOffset? ProcessStartTime, string HostName, DateTimeOffset AcquiredAt, string? ProcessName)
{
    public static LockOwner Current(TimeProvider time)
    {
        using var process = Process.GetCurrentProcess();
        return new LockOwner(Environment.ProcessId, process.StartTime.ToUniversalTime(), Environment.MachineName, time.GetUtcNow(), process.ProcessName);
    }

    /// <summary>
    /// True when the holder's process still exists: same host, the pid exists and (when recorded) it started at the
    /// recorded time, so a recycled pid is not mistaken for the holder. Other hosts cannot be checked and count as alive.
    /// </summary>
    public bool IsAlive()
    {
        if (!string.Equals(HostName, Environment.MachineName, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        try
        {
            using var process = Process.GetProcessById(ProcessId);
            if (process.HasExited)
            {
                return false;
            }

            return ProcessStartTime is not { } recorded
                || Math.Abs((process.StartTime.ToUniversalTime() - recorded.UtcDateTime).TotalSeconds) < 2;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"process {ProcessId}{(ProcessName is null ? "" : $" ({ProcessName})")} on host '{HostName}', holding it since {AcquiredAt:u}");

    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(new JsonObject
    {
        ["pid"] = ProcessId,
        ["process_start_time"] = ProcessStartTime?.ToString("O", CultureInfo.InvariantCulture),
        ["hostname"] = HostName,
        ["acquired_at"] = AcquiredAt.ToString("O", CultureInfo.InvariantCulture),
        ["process_name"] = ProcessName,
    });

    /// <summary>Reads the owner file; null when it is missing or unreadable (a holder that died while writing it).</summary>
    public static LockOwner? TryRead(string path)
    {
        try
        {
            if (!File.Exists(path))
            {
                return null;
            }

            var node = JsonNode.Parse(File.ReadAllBytes(path)) as JsonObject;
            if (node?["pid"] is not JsonValue pidValue || !pidValue.TryGetValue(out int pid))
            {
                return null;
            }

            return new LockOwner(
                pid,
                ParseTime(node["process_start_time"]),
                node["hostname"]?.GetValue<string>() ?? string.Empty,
                ParseTime(node["acquired_at"]) ?? DateTimeOffset.MinValue,
                node["process_name"]?.GetValue<string>());
        }
        catch (Exception e) when (e is IOException or JsonException or InvalidOperationException or FormatException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static DateTimeOffset? ParseTime(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue(out string? text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var parsed)
            ? parsed
            : null;
}
