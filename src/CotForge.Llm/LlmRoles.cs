namespace CotForge.Llm;

/// <summary>The roles an LLM plays in a run; each may use its own provider, model and limits.</summary>
public static class LlmRoles
{
    /// <summary>Writes the reasoning steps.</summary>
    public const string Search = "search";

    /// <summary>Judges final conclusions against the ground truth.</summary>
    public const string Verifier = "verifier";

    /// <summary>Scores beam-search candidates.</summary>
    public const string Scorer = "scorer";

    /// <summary>Rewrites verified chains into natural reasoning and a formal answer.</summary>
    public const string PostProcessing = "post_processing";
}
