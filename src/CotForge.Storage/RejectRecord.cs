namespace CotForge.Storage;

/// <summary>One line of rejects.jsonl: an input row that is not an item (outcome rejected, SPEC §3).</summary>
/// <param name="File">The input file the row came from.</param>
/// <param name="Line">The 1-based line or record number.</param>
/// <param name="Reason">Why the row was rejected.</param>
/// <param name="Raw">The raw text of the row; the writer cuts it to <see cref="MaxRawLength"/> characters.</param>
public sealed record RejectRecord(string File, long Line, string Reason, string Raw)
{
    /// <summary>The longest raw text kept in rejects.jsonl; longer rows are cut and marked with an ellipsis.</summary>
    public const int MaxRawLength = 500;
}
