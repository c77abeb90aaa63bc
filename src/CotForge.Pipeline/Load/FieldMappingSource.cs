namespace CotForge.Pipeline.Load;

/// <summary>How a field of the input was chosen.</summary>
public enum FieldMappingSource
{
    /// <summary>Named by the user (<c>--question-field</c> / <c>--answer-field</c>).</summary>
    Explicit,

    /// <summary>The input has the default name (<c>question</c> / <c>answer</c>).</summary>
    Default,

    /// <summary>A known alias was recognised (e.g. <c>Best Answer</c>, <c>problem</c>).</summary>
    Alias,
}
