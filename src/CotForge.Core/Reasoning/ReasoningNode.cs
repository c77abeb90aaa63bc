using System.Text.Json.Nodes;

namespace CotForge.Core.Reasoning;

/// <summary>
/// One step of a search: the prompt sent under a strategy, the model's reply, and the chain-of-thought steps
/// parsed from it, linked to its parent and children so that a search tree can be walked either way.
/// </summary>
/// <remarks>
/// Structure (id, strategy, prompt, response, cot, parent) is fixed at construction; the verdict flags are
/// settable because a node is created before it is verified or pruned. A node is not thread-safe: a search
/// creates and flags nodes from one logical flow at a time.
/// </remarks>
public sealed class ReasoningNode
{
    private readonly List<ReasoningNode> _children = [];

    /// <summary>Creates a node and, when <paramref name="parent"/> is given, appends it to the parent's children.</summary>
    /// <param name="id">Unique within its tree; never empty.</param>
    /// <param name="strategy">The name of the strategy that produced the node, or null.</param>
    /// <param name="prompt">The prompt sent to the model.</param>
    /// <param name="response">The model's raw reply.</param>
    /// <param name="cot">The steps parsed from <paramref name="response"/>, or null when there are none.</param>
    /// <param name="parent">The node this one continues, or null for a root.</param>
    /// <param name="metadata">Extra facts (usage, timings, model, verifier explanation); a new object when null.</param>
    public ReasoningNode(
        string id,
        string? strategy,
        string prompt,
        string response,
        IReadOnlyList<CotStep>? cot,
        ReasoningNode? parent = null,
        JsonObject? metadata = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        ArgumentNullException.ThrowIfNull(prompt);
        ArgumentNullException.ThrowIfNull(response);
        Id = id;
        Strategy = strategy;
        Prompt = prompt;
        Response = response;
        Cot = cot;
        Parent = parent;
        Metadata = metadata ?? [];
        Depth = parent is null ? 0 : parent.Depth + 1;
        parent?._children.Add(this);
    }

    /// <summary>Unique within the tree, e.g. <c>n0</c>, <c>n1</c>.</summary>
    public string Id { get; }

    /// <summary>The name of the strategy that produced this node (e.g. <c>initialize</c>), or null.</summary>
    public string? Strategy { get; }

    /// <summary>The prompt sent to the model.</summary>
    public string Prompt { get; }

    /// <summary>The model's raw reply.</summary>
    public string Response { get; }

    /// <summary>The chain-of-thought steps of this node alone, or null.</summary>
    public IReadOnlyList<CotStep>? Cot { get; }

    /// <summary>The node this one continues; null for the root.</summary>
    public ReasoningNode? Parent { get; }

    /// <summary>The nodes that continue this one, in creation order (pruned candidates included).</summary>
    public IReadOnlyList<ReasoningNode> Children => _children;

    /// <summary>True when the chain ends here (verified, or its search budget was spent).</summary>
    public bool IsFinal { get; set; }

    /// <summary>True when the verifier accepted this node's final answer.</summary>
    public bool Success { get; set; }

    /// <summary>True when a beam search generated this node as a candidate but did not keep it.</summary>
    public bool Pruned { get; set; }

    /// <summary>Everything else worth keeping: usage, timings, model id, verifier explanation, scores.</summary>
    public JsonObject Metadata { get; }

    /// <summary>Distance from the root; 0 for the root.</summary>
    public int Depth { get; }

    /// <summary>The root of the tree this node belongs to.</summary>
    public ReasoningNode Root
    {
        get
        {
            var node = this;
            while (node.Parent is not null)
            {
                node = node.Parent;
            }

            return node;
        }
    }

    /// <summary>The content of the last <see cref="CotActions.FinalConclusion"/> step of <see cref="Cot"/>, else null.</summary>
    public string? FinalAnswer
    {
        get
        {
            if (Cot is null)
            {
                return null;
            }

            for (int i = Cot.Count - 1; i >= 0; i--)
            {
                if (Cot[i].IsFinalConclusion)
                {
                    return Cot[i].Content;
                }
            }

            return null;
        }
    }

    /// <summary>The nodes from the root down to this one, inclusive.</summary>
    public IReadOnlyList<ReasoningNode> FullChain()
    {
        var chain = new ReasoningNode[Depth + 1];
        var node = this;
        for (int i = Depth; i >= 0; i--)
        {
            chain[i] = node!;
            node = node!.Parent;
        }

        return chain;
    }

    /// <summary>Every CoT step from the root down to this node, in order.</summary>
    public IReadOnlyList<CotStep> FullCot()
    {
        var steps = new List<CotStep>();
        foreach (var node in FullChain())
        {
            if (node.Cot is not null)
            {
                steps.AddRange(node.Cot);
            }
        }

        return steps;
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"ReasoningNode({Id}, strategy={Strategy ?? "null"}, depth={Depth}, final={IsFinal}, success={Success}, pruned={Pruned})";
}
