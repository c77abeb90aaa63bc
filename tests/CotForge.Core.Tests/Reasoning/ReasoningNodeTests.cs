using CotForge.Core.Reasoning;
using CotForge.Core.Tests.Fakes;

namespace CotForge.Core.Tests.Reasoning;

public sealed class ReasoningNodeTests
{
    [Fact]
    public void Constructor_WithParent_LinksBothWaysAndSetsDepth()
    {
        var root = new ReasoningNode("n0", "initialize", "p", "r", null);
        var child = new ReasoningNode("n1", "correction", "p", "r", null, root);
        var grandchild = new ReasoningNode("n2", "validation", "p", "r", null, child);

        Assert.Equal([child], root.Children);
        Assert.Same(root, child.Parent);
        Assert.Equal((0, 1, 2), (root.Depth, child.Depth, grandchild.Depth));
        Assert.Same(root, grandchild.Root);
        Assert.Equal([root, child, grandchild], grandchild.FullChain());
    }

    [Fact]
    public void FullCot_Chain_ConcatenatesStepsRootFirstSkippingNullCot()
    {
        var root = new ReasoningNode("n0", "initialize", "p", "r", Trees.Steps("1"));
        var middle = new ReasoningNode("n1", "correction", "p", "r", null, root);
        var leaf = new ReasoningNode("n2", "validation", "p", "r", Trees.Steps("2"), middle);

        var cot = leaf.FullCot();

        Assert.Equal(6, cot.Count);
        Assert.Equal("1", cot[2].Content);
        Assert.Equal("2", cot[5].Content);
    }

    [Fact]
    public void FinalAnswer_SeveralConclusions_IsTheLastOne()
    {
        var node = new ReasoningNode("n0", "initialize", "p", "r",
        [
            new CotStep(CotActions.FinalConclusion, "first"),
            new CotStep(CotActions.InnerThinking, "hmm", "t"),
            new CotStep(CotActions.FinalConclusion, "second"),
        ]);

        Assert.Equal("second", node.FinalAnswer);
    }

    [Fact]
    public void FinalAnswer_NoConclusionOrNoCot_IsNull()
    {
        Assert.Null(new ReasoningNode("n0", null, "p", "r", null).FinalAnswer);
        Assert.Null(new ReasoningNode("n1", null, "p", "r", [new CotStep(CotActions.Review, "x")]).FinalAnswer);
    }

    [Fact]
    public void FinalAnswer_OnlyOwnCot_NotAncestors()
    {
        var root = new ReasoningNode("n0", "initialize", "p", "r", Trees.Steps("1"));
        var child = new ReasoningNode("n1", "correction", "p", "r", [new CotStep(CotActions.Review, "x")], root);

        Assert.Null(child.FinalAnswer);
    }

    [Fact]
    public void Constructor_EmptyId_Throws()
    {
        Assert.Throws<ArgumentException>(() => new ReasoningNode("", null, "p", "r", null));
    }

    [Theory]
    [InlineData("Review", "Review")]
    [InlineData("review", "Review")]
    [InlineData("inner_thinking", "Inner Thinking")]
    [InlineData("Inner-Thinking", "Inner Thinking")]
    [InlineData(" FINAL CONCLUSION ", "Final Conclusion")]
    [InlineData("Verification", "Verification")]
    public void Normalize_ActionSpelling_MapsToCanonical(string raw, string expected)
    {
        Assert.Equal(expected, CotActions.Normalize(raw));
    }
}
