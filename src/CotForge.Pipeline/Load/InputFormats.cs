namespace CotForge.Pipeline.Load;

/// <summary>Chooses an <see cref="InputFormat"/> from a file name.</summary>
public static class InputFormats
{
    /// <summary>The format implied by the extension of <paramref name="path"/>.</summary>
    /// <exception cref="InputFormatException">The extension is not one the loaders read.</exception>
    public static InputFormat FromPath(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".csv" => InputFormat.Csv,
            ".tsv" or ".tab" => InputFormat.Tsv,
            ".jsonl" or ".ndjson" => InputFormat.JsonLines,
            ".json" => InputFormat.JsonArray,
            var other => throw new InputFormatException(
                $"Cannot tell the format of '{path}' from its extension '{other}'. Use .csv, .tsv, .jsonl or .json, or set the format explicitly."),
        };
    }
}
