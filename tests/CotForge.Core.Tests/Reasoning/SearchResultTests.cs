using CotForge.Core.Reasoning;
using CotForge.Core.Tests.Fakes;

namespace CotForge.Core.Tests.Reasoning;

public sealed class SearchResultTests
{
    [Fact]
    public void AllNodes_BeamTree_IncludesPrunedNodesLevelByLevel()
    {
        var result = Trees.Beam();

        Assert.Equal(["n0", "n1", "n2", "n3", "n4", "n5", "n6", "n7"], result.AllNodes.Select(n => n.Id));
        Assert.Single(result.Roots);
    }

    [Fact]
    public void SuccessfulNodesAndFinalAnswers_BeamTree_FollowTerminalNodes()
    {
        var result = Trees.Beam();

        Assert.Equal(["n4"], result.SuccessfulNodes.Select(n => n.Id));

        // n6 has no CoT, so it contributes no final answer.
        Assert.Equal(["42"], result.FinalAnswers);
    }

    [Fact]
    public void Constructor_NoTerminalNodesButRoots_KeepsTheTree()
    {
        var root = new ReasoningNode("n0", "initialize", "p", "r", null);

        var result = new SearchResult("q", "g", false, [], roots: [root]);

        Assert.Equal([root], result.AllNodes);
        Assert.Empty(result.TerminalNodes);
    }
}
