namespace CotForge.Storage.Index;

/// <summary>One row of the <c>items</c> table, mutable while a batch of lines is applied to it.</summary>
internal sealed class ItemState
{
    public string Id { get; set; } = string.Empty;

    public long Success { get; set; }

    public long ResultOffset { get; set; }

    public long ResultLength { get; set; }

    public long ResultCount { get; set; }

    public long? ProcessedOffset { get; set; }

    public long? ProcessedLength { get; set; }

    public long ProcessedCount { get; set; }

    public string? Time { get; set; }

    /// <summary>Not yet in the table (insert rather than update).</summary>
    public bool IsNew { get; set; }

    /// <summary>Changed by the current batch.</summary>
    public bool IsDirty { get; set; }

    public bool Succeeded => Success != 0;
}
