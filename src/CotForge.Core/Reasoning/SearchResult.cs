using System.Text.Json.Nodes;

namespace CotForge.Core.Reasoning;

/// <summary>
/// The outcome of one item's search: the whole tree (reachable from the roots of the terminal nodes, pruned
/// candidates included), the terminal node of every chain, and whether any chain verified.
/// </summary>
public sealed class SearchResult
{
    /// <summary>Creates a result.</summary>
    /// <param name="question">The question searched.</param>
    /// <param name="groundTruthAnswer">The reference answer.</param>
    /// <param name="success">True when at least one chain verified.</param>
    /// <param name="terminalNodes">The last node of every chain (naive: one; beam: one per beam).</param>
    /// <param name="metadata">Search-level facts (algorithm, depth reached, reason for stopping).</param>
    /// <param name="roots">
    /// The roots of the tree; by default the distinct roots of <paramref name="terminalNodes"/>. Pass them when a
    /// tree has no terminal node yet still has to be kept whole.
    /// </param>
    public SearchResult(
        string question,
        string groundTruthAnswer,
        bool success,
        IReadOnlyList<ReasoningNode> terminalNodes,
        JsonObject? metadata = null,
        IEnumerable<ReasoningNode>? roots = null)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(groundTruthAnswer);
        ArgumentNullException.ThrowIfNull(terminalNodes);
        Question = question;
        GroundTruthAnswer = groundTruthAnswer;
        Success = success;
        TerminalNodes = terminalNodes;
        Metadata = metadata ?? [];
        Roots = (roots ?? terminalNodes.Select(n => n.Root)).Distinct().ToArray();
        AllNodes = BreadthFirst(Roots);
        SuccessfulNodes = terminalNodes.Where(n => n.Success).ToArray();
        FinalAnswers = terminalNodes.Select(n => n.FinalAnswer).OfType<string>().ToArray();
    }

    /// <summary>The question searched.</summary>
    public string Question { get; }

    /// <summary>The reference answer.</summary>
    public string GroundTruthAnswer { get; }

    /// <summary>True when at least one chain verified.</summary>
    public bool Success { get; }

    /// <summary>The final node of every chain (naive: 1; beam: one per beam).</summary>
    public IReadOnlyList<ReasoningNode> TerminalNodes { get; }

    /// <summary>The terminal nodes whose answer verified.</summary>
    public IReadOnlyList<ReasoningNode> SuccessfulNodes { get; }

    /// <summary>The final answers of the terminal nodes that have one, in terminal-node order.</summary>
    public IReadOnlyList<string> FinalAnswers { get; }

    /// <summary>The roots of the tree (normally exactly one).</summary>
    public IReadOnlyList<ReasoningNode> Roots { get; }

    /// <summary>Every node of the tree, pruned ones included, level by level (creation order for our searches).</summary>
    public IReadOnlyList<ReasoningNode> AllNodes { get; }

    /// <summary>Search-level facts: algorithm, depth reached, why it stopped, timings.</summary>
    public JsonObject Metadata { get; }

    private static ReasoningNode[] BreadthFirst(IReadOnlyList<ReasoningNode> roots)
    {
        var all = new List<ReasoningNode>();
        var queue = new Queue<ReasoningNode>(roots);
        while (queue.Count > 0)
        {
            var node = queue.Dequeue();
            all.Add(node);
            foreach (var child in node.Children)
            {
                queue.Enqueue(child);
            }
        }

        return [.. all];
    }
}
