namespace CotForge.Storage.Index;

/// <summary>
/// A line that stays in its file but is never served: a later duplicate of a succeeded id, a line superseded by a
/// retry, a processed line without its results line (orphan), or a corrupt line in the middle of a file.
/// </summary>
internal sealed record SkippedLine(string File, long Offset, long Length, string? Id, string Reason)
{
    public const string Duplicate = "duplicate";
    public const string Superseded = "superseded";
    public const string Orphan = "orphan";
    public const string Corrupt = "corrupt";
}
