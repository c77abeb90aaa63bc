namespace CotForge.Core.Parsing;

/// <summary>Why a model's reply could not be read into the expected schema.</summary>
public enum ParseFailureKind
{
    /// <summary>No failure.</summary>
    None,

    /// <summary>The reply is empty or whitespace.</summary>
    Empty,

    /// <summary>The reply holds no JSON value at all (prose only).</summary>
    NoJson,

    /// <summary>JSON is there but broken beyond repair.</summary>
    InvalidJson,

    /// <summary>The reply was cut off and what could be recovered is not enough.</summary>
    Truncated,

    /// <summary>Valid JSON without the expected top-level key (e.g. no <c>CoT</c>).</summary>
    MissingKey,

    /// <summary>The key is there but its value has the wrong shape (e.g. <c>CoT</c> is not a list of steps).</summary>
    InvalidShape,

    /// <summary>A value is not one the schema allows (e.g. <c>"result": "maybe"</c>).</summary>
    InvalidValue,

    /// <summary>The chain of thought has no <c>Final Conclusion</c> step, so it states no answer.</summary>
    MissingFinalConclusion,
}
