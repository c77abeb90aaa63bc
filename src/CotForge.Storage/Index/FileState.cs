namespace CotForge.Storage.Index;

/// <summary>
/// How much of one JSONL file the index covers, with a fingerprint of what it saw: a hash of the first bytes (up to
/// <see cref="FileFingerprint.HeadSize"/>) and a hash of the last indexed line. A file that is shorter than
/// <see cref="IndexedBytes"/> was truncated; one whose head or last indexed line hashes differently was replaced or
/// edited. Either way the index is rebuilt.
/// </summary>
internal sealed class FileState
{
    public string Name { get; set; } = string.Empty;

    public long IndexedBytes { get; set; }

    public long HeadLength { get; set; }

    public byte[]? HeadHash { get; set; }

    public long TailOffset { get; set; }

    public long TailLength { get; set; }

    public byte[]? TailHash { get; set; }

    public static FileState Empty(string name) => new() { Name = name };
}
