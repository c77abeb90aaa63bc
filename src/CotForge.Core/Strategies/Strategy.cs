namespace CotForge.Core.Strategies;

/// <summary>
/// A way of taking the next reasoning step. The description is the instruction the model receives; the name is
/// what the tree records.
/// </summary>
/// <param name="Name">Unique within a registry, e.g. <c>backtrack</c>.</param>
/// <param name="Description">The instruction given to the model for this step.</param>
/// <param name="IsInitial">True for strategies that start a chain (only <c>initialize</c> by default).</param>
/// <param name="MinimumDepth">The smallest depth of a node this strategy may create (the root is depth 0).</param>
public sealed record Strategy(string Name, string Description, bool IsInitial = false, int MinimumDepth = 0);
