namespace CotForge.Storage.Jsonl;

/// <summary>What a complete line of a JSONL file turned out to be.</summary>
internal enum LineKind
{
    /// <summary>A JSON object with the keys its file requires.</summary>
    Valid,

    /// <summary>Empty or whitespace only; ignored, as cot-forge's loader ignores it.</summary>
    Blank,

    /// <summary>Not JSON, not an object, or missing a required key.</summary>
    Corrupt,
}
