namespace CotForge.Pipeline.Load;

/// <summary>The shape of an input file.</summary>
public enum InputFormat
{
    /// <summary>Comma-separated values with a header row (<c>.csv</c>).</summary>
    Csv,

    /// <summary>Tab-separated values with a header row (<c>.tsv</c>, <c>.tab</c>).</summary>
    Tsv,

    /// <summary>One JSON object per line (<c>.jsonl</c>, <c>.ndjson</c>).</summary>
    JsonLines,

    /// <summary>A single JSON array of objects (<c>.json</c>), read element by element.</summary>
    JsonArray,
}
