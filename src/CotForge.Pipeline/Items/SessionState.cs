namespace CotForge.Pipeline.Items;

/// <summary>Where an item's search session goes next.</summary>
internal enum SessionState
{
    /// <summary>The last advance produced nodes to verify: to the verify stage.</summary>
    NeedsVerification,

    /// <summary>Not complete and nothing to verify: back to the search stage.</summary>
    NeedsAdvance,

    /// <summary>The search is complete: on to post-processing.</summary>
    Complete,
}
