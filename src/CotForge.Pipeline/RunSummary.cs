using CotForge.Llm;
using CotForge.Pipeline.Load;
using CotForge.Storage;

namespace CotForge.Pipeline;

/// <summary>
/// What a run did. Every row read has exactly one outcome, so
/// <c>RowsRead == Succeeded + Unverified + Failed + Rejected + Duplicates + Abandoned</c> (<see cref="CountsAddUp"/>).
/// </summary>
public sealed record RunSummary
{
    /// <summary>The dataset directory written.</summary>
    public required string DirectoryPath { get; init; }

    /// <summary>The dataset name.</summary>
    public required string DatasetName { get; init; }

    /// <summary>The search algorithm's name (the directory's last segment).</summary>
    public required string SearchName { get; init; }

    /// <summary>Why the run ended.</summary>
    public required StopReason StopReason { get; init; }

    /// <summary>Rows read from the input (accepted and rejected).</summary>
    public required long RowsRead { get; init; }

    /// <summary>Items with a verified, post-processed chain.</summary>
    public required long Succeeded { get; init; }

    /// <summary>Items whose search ended without a verified chain.</summary>
    public required long Unverified { get; init; }

    /// <summary>Items recorded in errors.jsonl (retried next run).</summary>
    public required long Failed { get; init; }

    /// <summary>Rows recorded in rejects.jsonl.</summary>
    public required long Rejected { get; init; }

    /// <summary>Rows that repeat an earlier row of this input.</summary>
    public required long InputDuplicates { get; init; }

    /// <summary>Rows already processed by an earlier run.</summary>
    public required long AlreadyProcessed { get; init; }

    /// <summary>All duplicates: <see cref="InputDuplicates"/> plus <see cref="AlreadyProcessed"/>.</summary>
    public long Duplicates => InputDuplicates + AlreadyProcessed;

    /// <summary>Rows read but not finished (cancellation, budget): not recorded, retried next run.</summary>
    public required long Abandoned { get; init; }

    /// <summary>Wall time of the run.</summary>
    public required TimeSpan Elapsed { get; init; }

    /// <summary>
    /// Completed items (succeeded or unverified) by the number of search steps they took, e.g. {1: 620, 2: 250, 3: 130}.
    /// </summary>
    public required IReadOnlyDictionary<int, long> StepsHistogram { get; init; }

    /// <summary>The input fields used, and how they were chosen (file input), else null.</summary>
    public FieldMapping? FieldMapping { get; init; }

    /// <summary>Token usage of the run's clients, when a token ledger is known, else null.</summary>
    public TokenUsageSnapshot? Tokens { get; init; }

    /// <summary>The budget's message when <see cref="StopReason"/> is <see cref="StopReason.BudgetReached"/>.</summary>
    public string? BudgetMessage { get; init; }

    /// <summary>The whole directory's counts after the run, when <see cref="BatchOptions.LoadProcessed"/> was set.</summary>
    public DatasetStatus? Dataset { get; init; }

    /// <summary>Succeeded plus unverified plus failed.</summary>
    public long Finished => Succeeded + Unverified + Failed;

    /// <summary>Finished items per second of wall time.</summary>
    public double ItemsPerSecond => Elapsed > TimeSpan.Zero ? Finished / Elapsed.TotalSeconds : 0;

    /// <summary>True when every row read has exactly one outcome.</summary>
    public bool CountsAddUp => RowsRead == Succeeded + Unverified + Failed + Rejected + Duplicates + Abandoned;
}
