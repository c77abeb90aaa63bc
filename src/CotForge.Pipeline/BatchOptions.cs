using CotForge.Pipeline.Load;

namespace CotForge.Pipeline;

/// <summary>Options of one <c>BuildBatchAsync</c> call (cot-forge's <c>build_batch</c> arguments).</summary>
public sealed class BatchOptions
{
    /// <summary>Delete everything in the dataset directory before the run. Default false (resume).</summary>
    public bool Overwrite { get; set; }

    /// <summary>Process at most this many rows (accepted plus rejected). Default null (all).</summary>
    public long? Limit { get; set; }

    /// <summary>Post-process only verified items; unverified ones are stored with no post-processed chains. Default true.</summary>
    public bool OnlySuccessful { get; set; } = true;

    /// <summary>Retry items a previous run left unverified, instead of counting them as already processed. Default false.</summary>
    public bool RetryUnverified { get; set; }

    /// <summary>Resume even though the configuration differs from the directory's config.json. Default false.</summary>
    public bool AllowConfigChange { get; set; }

    /// <summary>
    /// Also report the whole directory's counts (this and earlier runs) in <see cref="RunSummary.Dataset"/>, like
    /// cot-forge's <c>load_processed</c>. Default false.
    /// </summary>
    public bool LoadProcessed { get; set; }

    /// <summary>Called for every rejected row, before it is recorded in rejects.jsonl. Default null.</summary>
    public Action<RowRejectedArgs>? RowRejected { get; set; }

    /// <summary>Checks every option and throws one <see cref="ArgumentException"/> naming each bad one.</summary>
    public void Validate()
    {
        var errors = new OptionErrors();
        if (Limit is { } limit)
        {
            errors.Range(nameof(Limit), limit, 1, long.MaxValue);
        }

        errors.ThrowIfAny("batch options");
    }
}
