namespace CotForge.Storage.Index;

/// <summary>A complete line of the post-processed file. <see cref="Length"/> includes the newline.</summary>
internal readonly record struct ProcessedLine(string Id, long Offset, long Length);
