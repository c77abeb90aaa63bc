namespace CotForge.Storage.Recovery;

/// <summary>What opening a directory had to do; tests and diagnostics read it.</summary>
internal sealed class RecoveryReport
{
    /// <summary>Bytes of torn last lines moved to .torn files, per file name.</summary>
    public Dictionary<string, long> TornBytes { get; } = new(StringComparer.Ordinal);

    /// <summary>Trailing processed lines without their results line, moved to the .torn file.</summary>
    public int OrphansCut { get; set; }

    /// <summary>Why the index was rebuilt from scratch, or null when it was only caught up (or already current).</summary>
    public string? RebuildReason { get; set; }

    /// <summary>Lines indexed by this open (catch-up or rebuild), over all files.</summary>
    public long LinesIndexed { get; set; }

    /// <summary>Bytes of JSONL read to index them.</summary>
    public long BytesIndexed { get; set; }

    /// <summary>The index could not be trusted and a live writer owns the directory: an in-memory index serves this reader.</summary>
    public bool InMemoryIndex { get; set; }

    public bool Rebuilt => RebuildReason is not null;
}
