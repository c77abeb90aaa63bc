namespace CotForge.Storage.Index;

/// <summary>Logical names of the indexed files (the post-processed file may be named either way on disk).</summary>
internal static class FileKind
{
    public const string Results = "results";
    public const string Processed = "processed";
    public const string Errors = "errors";
    public const string Rejects = "rejects";
    public const string Metadata = "metadata";
}
