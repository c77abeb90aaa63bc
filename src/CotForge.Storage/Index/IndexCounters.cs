namespace CotForge.Storage.Index;

/// <summary>The running totals kept in the <c>counters</c> table so status never counts rows.</summary>
internal sealed class IndexCounters
{
    public const string Completed = "completed";
    public const string Succeeded = "succeeded";
    public const string Rejects = "rejects";

    public long CompletedDelta { get; set; }

    public long SucceededDelta { get; set; }

    public long RejectsDelta { get; set; }
}
