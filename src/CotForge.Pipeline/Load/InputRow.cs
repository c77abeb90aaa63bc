namespace CotForge.Pipeline.Load;

/// <summary>One accepted input row.</summary>
/// <param name="Question">The question text, as read (not trimmed, so ids match cot-forge's).</param>
/// <param name="GroundTruth">The ground-truth answer, after the optional extraction pattern.</param>
/// <param name="Line">1-based line number (CSV, TSV, JSONL) or record number (JSON array) where the row starts.</param>
public sealed record InputRow(string Question, string GroundTruth, long Line);
