namespace CotForge.Pipeline.Progress;

/// <summary>
/// The run's counts, updated with interlocked operations by the stages and read by the progress reporter.
/// Fields, not properties, so the stages can pass them by reference to <see cref="Interlocked"/>.
/// </summary>
internal sealed class PipelineCounters
{
#pragma warning disable SA1401, CA1051 // Interlocked needs fields; this type is private to the graph.
    public long RowsRead;
    public long Succeeded;
    public long Unverified;
    public long Failed;
    public long Rejected;
    public long InputDuplicates;
    public long AlreadyProcessed;
    public long Abandoned;
    public long InFlight;
    public int DedupeActive;
    public int SearchActive;
    public int VerifyActive;
    public int PostProcessActive;
    public int PersistActive;
#pragma warning restore SA1401, CA1051

    public void Count(ItemOutcome outcome)
    {
        switch (outcome)
        {
            case ItemOutcome.Succeeded:
                Interlocked.Increment(ref Succeeded);
                break;
            case ItemOutcome.Unverified:
                Interlocked.Increment(ref Unverified);
                break;
            case ItemOutcome.Failed:
                Interlocked.Increment(ref Failed);
                break;
            case ItemOutcome.Rejected:
                Interlocked.Increment(ref Rejected);
                break;
            case ItemOutcome.Abandoned:
                Interlocked.Increment(ref Abandoned);
                break;
            default:
                Interlocked.Increment(ref InputDuplicates);
                break;
        }
    }

    public long Finished => Interlocked.Read(ref Succeeded) + Interlocked.Read(ref Unverified) + Interlocked.Read(ref Failed);
}
