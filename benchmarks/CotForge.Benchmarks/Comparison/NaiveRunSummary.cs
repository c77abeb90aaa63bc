namespace CotForge.Benchmarks.Comparison;

/// <summary>What a naive run did, counted from its in-memory result list.</summary>
internal sealed record NaiveRunSummary(long RowsRead, long Completed, long Succeeded, long Failed, long Skipped, long MetadataBytesWritten, TimeSpan Elapsed)
{
    public double ItemsPerSecond => Elapsed > TimeSpan.Zero ? (Completed + Failed) / Elapsed.TotalSeconds : 0;
}
