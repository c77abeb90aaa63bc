namespace CotForge.Pipeline.Load;

/// <summary>What a reader produced for one input row: an accepted row or a rejected one.</summary>
internal readonly struct LoadedRecord
{
    private LoadedRecord(InputRow? row, RowRejectedArgs reject)
    {
        Row = row;
        Reject = reject;
    }

    /// <summary>The accepted row; null when the row was rejected.</summary>
    public InputRow? Row { get; }

    /// <summary>The rejection; meaningful only when <see cref="Row"/> is null.</summary>
    public RowRejectedArgs Reject { get; }

    public static LoadedRecord Accepted(InputRow row) => new(row, default);

    public static LoadedRecord Rejected(RowRejectedArgs reject) => new(null, reject);
}
