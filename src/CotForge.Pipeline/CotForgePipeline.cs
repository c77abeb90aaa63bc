using CotForge.Pipeline.Dedupe;
using CotForge.Pipeline.Load;
using CotForge.Pipeline.Persist;
using CotForge.Pipeline.PostProcess;
using CotForge.Pipeline.Search;
using CotForge.Pipeline.Verify;
using CotForge.Storage;

namespace CotForge.Pipeline;

/// <summary>
/// The batch engine: turns (question, ground truth) pairs into verified chains of thought in one dataset
/// directory, resuming where earlier runs stopped. Built by <see cref="CotForgePipelineBuilder"/>; one instance may
/// run several batches one after another (each run takes the directory's lock).
/// </summary>
public sealed class CotForgePipeline
{
    private readonly PipelineComponents _components;

    internal CotForgePipeline(PipelineComponents components) => _components = components;

    /// <summary>The dataset directory this pipeline writes.</summary>
    public DatasetLocation Location => _components.Location;

    /// <summary>
    /// Processes in-memory pairs (cot-forge's <c>build_batch</c>): <paramref name="questions"/>[i] with
    /// <paramref name="groundTruths"/>[i]. Blank pairs are rejected like bad file rows.
    /// </summary>
    /// <returns>The run's counts; results are in the dataset directory, not in memory.</returns>
    /// <exception cref="ArgumentException">The lists differ in length, or an option is invalid.</exception>
    /// <exception cref="DatasetLockedException">Another live process is writing the directory.</exception>
    /// <exception cref="ConfigMismatchException">The directory was made with another configuration (see <see cref="BatchOptions.AllowConfigChange"/>).</exception>
    /// <remarks>
    /// Cancelling <paramref name="cancellationToken"/> does not throw: intake stops, in-flight items get
    /// <see cref="PipelineOptions.CancellationGracePeriod"/> to finish, everything finished is flushed, the lock is
    /// released, and the summary says <see cref="StopReason.Cancelled"/>.
    /// </remarks>
    public Task<RunSummary> BuildBatchAsync(
        IReadOnlyList<string> questions,
        IReadOnlyList<string> groundTruths,
        BatchOptions? options = null,
        IProgress<PipelineProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(questions);
        ArgumentNullException.ThrowIfNull(groundTruths);
        options ??= new BatchOptions();
        options.Validate();
        var input = new InputOptions { Limit = options.Limit };
        return RunAsync(new MemoryRowReader(questions, groundTruths, input), options, progress, cancellationToken);
    }

    /// <summary>
    /// Processes a CSV, TSV, JSONL or JSON-array file, streamed: memory does not grow with the file's size.
    /// </summary>
    /// <exception cref="InputFormatException">The file as a whole cannot be read (unknown extension, no usable field).</exception>
    /// <inheritdoc cref="BuildBatchAsync(IReadOnlyList{string}, IReadOnlyList{string}, BatchOptions?, IProgress{PipelineProgress}?, CancellationToken)" path="/remarks"/>
    public Task<RunSummary> BuildBatchFromFileAsync(
        string inputPath,
        InputOptions? input = null,
        BatchOptions? options = null,
        IProgress<PipelineProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(inputPath);
        options ??= new BatchOptions();
        options.Validate();
        input ??= new InputOptions();
        input.Validate();
        if (options.Limit is { } limit && (input.Limit is null || input.Limit > limit))
        {
            input.Limit = limit;
        }

        if (!File.Exists(inputPath))
        {
            throw new FileNotFoundException($"The input file '{inputPath}' does not exist.", inputPath);
        }

        return RunAsync(RowReader.Create(inputPath, input), options, progress, cancellationToken);
    }

    private async Task<RunSummary> RunAsync(RowReader reader, BatchOptions options, IProgress<PipelineProgress>? progress, CancellationToken cancellationToken)
    {
        PipelineComponents c = _components;
        using PersistenceManager manager = PersistenceManager.Open(c.Location, c.PersistenceOptions);
        if (options.Overwrite)
        {
            manager.Reset();
        }

        GraphResult result;
        DatasetWriter writer = manager.OpenWriter(c.WriterOptions);
        await using (writer.ConfigureAwait(false))
        {
            writer.EnsureConfig(c.Config, options.AllowConfigChange);
            var graph = new PipelineGraph(
                new SearchStage(c.Algorithm, c.Services),
                new VerifyStage(),
                new PostProcessStage(c.PostProcessor, options.OnlySuccessful, c.TimeProvider),
                new PersistStage(new DatasetWriterStore(writer), c.TimeProvider),
                new InputDeduplicator(options.Overwrite ? null : new PersistenceLookup(manager, c.Options.PreloadProcessedIdsLimit), includeUnverified: !options.RetryUnverified, c.Options.Seed),
                c.Options,
                c.TimeProvider,
                c.Ledger,
                c.Budget?.ExhaustedToken ?? CancellationToken.None,
                progress);
            result = await graph.RunAsync(reader.ReadAsync(CancellationToken.None), options.RowRejected, cancellationToken).ConfigureAwait(false);
            if (c.Ledger is not null)
            {
                writer.SetRunInfo(new System.Text.Json.Nodes.JsonObject { ["tokens"] = c.Ledger.Describe() });
            }
        }

        return new RunSummary
        {
            DirectoryPath = c.Location.DirectoryPath,
            DatasetName = c.Location.DatasetName,
            SearchName = c.Location.SearchName,
            StopReason = result.StopReason,
            RowsRead = result.RowsRead,
            Succeeded = result.Succeeded,
            Unverified = result.Unverified,
            Failed = result.Failed,
            Rejected = result.Rejected,
            InputDuplicates = result.InputDuplicates,
            AlreadyProcessed = result.AlreadyProcessed,
            Abandoned = result.Abandoned,
            Elapsed = result.Elapsed,
            StepsHistogram = result.StepsHistogram,
            FieldMapping = reader.Mapping,
            Tokens = c.Ledger?.Snapshot(),
            BudgetMessage = result.BudgetMessage,
            Dataset = options.LoadProcessed ? manager.GetStatus() : null,
        };
    }
}
