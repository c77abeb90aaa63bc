namespace CotForge.Core.Search;

/// <summary>The values of <see cref="ReasoningFailureException.Stage"/> the engine raises.</summary>
public static class FailureStages
{
    /// <summary>Generating reasoning steps.</summary>
    public const string Search = "search";

    /// <summary>Judging a chain's final answer.</summary>
    public const string Verify = "verify";

    /// <summary>Scoring beam-search candidates.</summary>
    public const string Score = "score";

    /// <summary>Rewriting verified chains into natural reasoning and a formal answer.</summary>
    public const string PostProcess = "post_process";
}
