namespace CotForge.Pipeline;

/// <summary>
/// Parallelism, capacities and timing of the pipeline's stages. Every option states its default; all are checked
/// once, by <see cref="Validate"/>, when the pipeline is built.
/// </summary>
public sealed class PipelineOptions
{
    /// <summary>Upper bound of every parallelism option: 4096.</summary>
    public const int MaxParallelism = 4096;

    /// <summary>Upper bound of every capacity option: 1,000,000.</summary>
    public const int MaxCapacity = 1_000_000;

    /// <summary>
    /// Most items between admission and their recorded outcome (search, verify, post-process, persist together).
    /// Bounds memory and makes the search ⇄ verify loop deadlock-free. Default 256; between 1 and 1,000,000.
    /// </summary>
    public int MaxItemsInFlight { get; set; } = 256;

    /// <summary>Search steps (generation calls) running at once. Default 256; between 1 and 4096.</summary>
    public int SearchParallelism { get; set; } = 256;

    /// <summary>Verifications running at once. Default 256; between 1 and 4096.</summary>
    public int VerifyParallelism { get; set; } = 256;

    /// <summary>Post-processing (rewrite + formal answer) running at once. Default 128; between 1 and 4096.</summary>
    public int PostProcessParallelism { get; set; } = 128;

    /// <summary>Items the search stage holds (queued and running). Default 256; between 1 and 1,000,000.</summary>
    public int SearchCapacity { get; set; } = 256;

    /// <summary>Items the verify stage holds. Default 256; between 1 and 1,000,000.</summary>
    public int VerifyCapacity { get; set; } = 256;

    /// <summary>Items the post-processing stage holds. Default 256; between 1 and 1,000,000.</summary>
    public int PostProcessCapacity { get; set; } = 256;

    /// <summary>Records waiting for the writer. Default 1024; between 1 and 1,000,000.</summary>
    public int PersistCapacity { get; set; } = 1024;

    /// <summary>
    /// Rows per batched lookup in the persistence index (and the dedupe stage's intake). Default 512; between 1 and
    /// 100,000.
    /// </summary>
    public int DedupeBatchSize { get; set; } = 512;

    /// <summary>
    /// A partial dedupe batch is sent at least this often, so a slow source never leaves rows waiting for a full
    /// batch. Default 50 ms; between 1 ms and 1 minute.
    /// </summary>
    public TimeSpan DedupeFlushInterval { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// On a resume (the first lookups find nearly every row already processed), load the directory's processed ids
    /// into memory once when there are at most this many, instead of querying the index batch by batch: several times
    /// faster re-scans for about 40 MB per million ids. 0 disables it. Default 2,000,000; between 0 and 100,000,000.
    /// </summary>
    public long PreloadProcessedIdsLimit { get; set; } = 2_000_000;

    /// <summary>How often progress is reported. Default 1 second; between 10 ms and 1 hour.</summary>
    public TimeSpan ProgressInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// After cancellation, how long in-flight items may still finish before they are abandoned (not recorded, so
    /// retried next run). Default 5 seconds; between 0 and 1 hour.
    /// </summary>
    public TimeSpan CancellationGracePeriod { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The run seed; each item's seed derives from it and the item's id. Default 0.</summary>
    public int Seed { get; set; }

    /// <summary>Checks every option and throws one <see cref="ArgumentException"/> naming each bad option and value.</summary>
    public void Validate()
    {
        var errors = new OptionErrors();
        errors.Range(nameof(MaxItemsInFlight), MaxItemsInFlight, 1, MaxCapacity);
        errors.Range(nameof(SearchParallelism), SearchParallelism, 1, MaxParallelism);
        errors.Range(nameof(VerifyParallelism), VerifyParallelism, 1, MaxParallelism);
        errors.Range(nameof(PostProcessParallelism), PostProcessParallelism, 1, MaxParallelism);
        errors.Range(nameof(SearchCapacity), SearchCapacity, 1, MaxCapacity);
        errors.Range(nameof(VerifyCapacity), VerifyCapacity, 1, MaxCapacity);
        errors.Range(nameof(PostProcessCapacity), PostProcessCapacity, 1, MaxCapacity);
        errors.Range(nameof(PersistCapacity), PersistCapacity, 1, MaxCapacity);
        errors.Range(nameof(DedupeBatchSize), DedupeBatchSize, 1, 100_000);
        errors.Range(nameof(DedupeFlushInterval), DedupeFlushInterval, TimeSpan.FromMilliseconds(1), TimeSpan.FromMinutes(1));
        errors.Range(nameof(PreloadProcessedIdsLimit), PreloadProcessedIdsLimit, 0, 100_000_000);
        errors.Range(nameof(ProgressInterval), ProgressInterval, TimeSpan.FromMilliseconds(10), TimeSpan.FromHours(1));
        errors.Range(nameof(CancellationGracePeriod), CancellationGracePeriod, TimeSpan.Zero, TimeSpan.FromHours(1));
        errors.ThrowIfAny("pipeline options");
    }

    internal PipelineOptions Clone() => (PipelineOptions)MemberwiseClone();
}
