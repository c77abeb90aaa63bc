namespace CotForge.Core.Strategies;

/// <summary>
/// The ten strategies cot-forge users know, by the same names and minimum depths, described in this project's
/// own words. The first five make up <see cref="StrategyRegistry.CreateDefault"/>.
/// </summary>
public static class BuiltInStrategies
{
    /// <summary>Starts a chain from the question alone; the only initial strategy.</summary>
    public static Strategy Initialize { get; } = new(
        "initialize",
        "Start from the question alone. Say what is being asked, list what is given and what has to be found, work "
        + "through the problem step by step, and end with a clear conclusion that answers the question.",
        IsInitial: true);

    /// <summary>Returns to a doubtful earlier step and rebuilds from there; needs depth 2 so there is something to return to.</summary>
    public static Strategy Backtrack { get; } = new(
        "backtrack",
        "Go back to the earliest point in the reasoning so far where an assumption or step looks doubtful, explain what "
        + "is wrong with it, and rebuild the reasoning from that point to a new conclusion.",
        MinimumDepth: 2);

    /// <summary>Solves the problem again by a different method.</summary>
    public static Strategy ExploreNewPaths { get; } = new(
        "explore_new_paths",
        "Set the approach taken so far aside and solve the problem by a genuinely different method, then compare "
        + "where the two approaches land and conclude.");

    /// <summary>Finds and fixes specific mistakes.</summary>
    public static Strategy Correction { get; } = new(
        "correction",
        "Examine the reasoning so far for concrete mistakes: misread facts, slips in arithmetic, wrong formulas or "
        + "definitions. Fix each one explicitly and carry the fixes through to a corrected conclusion.");

    /// <summary>Checks the conclusion independently.</summary>
    public static Strategy Validation { get; } = new(
        "validation",
        "Check the current conclusion independently: substitute it back into the question, try a quick estimate or an "
        + "edge case, and either confirm it or revise it, giving the reason.");

    /// <summary>Looks at the problem from other viewpoints.</summary>
    public static Strategy PerspectiveShift { get; } = new(
        "perspective_shift",
        "Look at the problem from other viewpoints (another person involved, another discipline, a coarser or finer level "
        + "of detail), note what each one shows, and fold what you learn into the conclusion.");

    /// <summary>Solves a familiar problem of the same shape and maps the answer back.</summary>
    public static Strategy AnalogicalReasoning { get; } = new(
        "analogical_reasoning",
        "Find a simpler or more familiar problem with the same structure, solve that one, then carry the solution back "
        + "to the original question and check that the mapping holds.");

    /// <summary>Splits the problem into sub-questions.</summary>
    public static Strategy Decomposition { get; } = new(
        "decomposition",
        "Split the problem into smaller sub-questions, answer each of them in turn, and assemble their answers into the "
        + "conclusion.");

    /// <summary>Tests the conclusion with what-if cases.</summary>
    public static Strategy Counterfactual { get; } = new(
        "counterfactual",
        "Ask what would change if a key assumption or value were different, and use those what-if cases to test whether "
        + "the current conclusion really follows; revise it if it does not.");

    /// <summary>Rebuilds the reasoning from basic facts and definitions.</summary>
    public static Strategy FirstPrinciples { get; } = new(
        "first_principles",
        "Strip the problem down to basic facts and definitions and rebuild the reasoning from them, without leaning on "
        + "shortcuts taken earlier; conclude from that reconstruction.");

    /// <summary>The default five: initialize, backtrack, explore_new_paths, correction, validation.</summary>
    public static IReadOnlyList<Strategy> Default { get; } = [Initialize, Backtrack, ExploreNewPaths, Correction, Validation];

    /// <summary>The five additional strategies.</summary>
    public static IReadOnlyList<Strategy> Additional { get; } =
        [PerspectiveShift, AnalogicalReasoning, Decomposition, Counterfactual, FirstPrinciples];

    /// <summary>All ten.</summary>
    public static IReadOnlyList<Strategy> All { get; } = [.. Default, .. Additional];
}
