using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using System.Globalization;

namespace CotForge.Benchmarks.Measurement;

/// <summary>
/// Bytes allocated per type, from the runtime's sampled allocation events (one event per ~100 KB): where a run's
/// garbage comes from. A probe turns it on when the environment variable <c>COTFORGE_ALLOCATIONS</c> is set and
/// prints the top types after the run.
/// </summary>
internal sealed class AllocationListener : EventListener
{
    private const EventKeywords GcKeyword = (EventKeywords)0x1;
    private readonly ConcurrentDictionary<string, long> _bytes = new(StringComparer.Ordinal);

    public static AllocationListener? FromEnvironment() =>
        Environment.GetEnvironmentVariable("COTFORGE_ALLOCATIONS") is { Length: > 0 } ? new AllocationListener() : null;

    /// <summary>The <paramref name="top"/> types by sampled bytes, as "share% type" lines.</summary>
    public IEnumerable<string> Top(int top)
    {
        long total = Math.Max(1, _bytes.Values.Sum());
        return _bytes.OrderByDescending(pair => pair.Value).Take(top)
            .Select(pair => string.Create(CultureInfo.InvariantCulture, $"{100.0 * pair.Value / total,6:F2}% {pair.Key}"));
    }

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(eventSource, EventLevel.Verbose, GcKeyword);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (eventData.EventName?.StartsWith("GCAllocationTick", StringComparison.Ordinal) != true || eventData.Payload is not { } payload || eventData.PayloadNames is not { } names)
        {
            return;
        }

        int typeAt = names.IndexOf("TypeName");
        int amountAt = names.IndexOf("AllocationAmount64");
        string type = typeAt >= 0 ? payload[typeAt] as string ?? "?" : "?";
        long amount = amountAt >= 0 ? Convert.ToInt64(payload[amountAt], CultureInfo.InvariantCulture) : 100_000;
        _bytes.AddOrUpdate(type, amount, (_, sum) => sum + amount);
    }
}
