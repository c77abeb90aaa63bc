using System.Text.Json;
using CotForge.Cli.Commands.Export;

namespace CotForge.Cli.Tests.Commands.Export;

public sealed class ChainReaderTests
{
    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();

    [Fact]
    public void Read_ObjectChains_UsesTheirFieldsAndOwnSuccessFlag()
    {
        var responses = Json("""
            [{"node_id": "n3", "success": true, "natural_reasoning": "Add them.", "formal_answer": "4", "full_response": "<thinking>Add them.</thinking>\n\n4"},
             {"node_id": "n5", "success": false, "natural_reasoning": "Guess.", "formal_answer": "5", "full_response": "<thinking>Guess.</thinking>\n\n5"}]
            """);

        var chains = ChainReader.Read("id1", "2+2?", "4", responses, itemSucceeded: true).ToList();

        Assert.Equal(2, chains.Count);
        Assert.Equal(new ExportChain("id1", "2+2?", "4", "<thinking>Add them.</thinking>\n\n4", "Add them.", "4", true), chains[0]);
        Assert.False(chains[1].Verified);
    }

    [Fact]
    public void Read_CotForgeStrings_SplitsThinkingFromAnswerAndTakesTheItemFlag()
    {
        var responses = Json("""["<thinking>First 2, then 2 more.</thinking>\n\nThe answer is 4."]""");

        var chain = Assert.Single(ChainReader.Read("id1", "2+2?", "4", responses, itemSucceeded: false));

        Assert.Equal("First 2, then 2 more.", chain.NaturalReasoning);
        Assert.Equal("The answer is 4.", chain.FormalAnswer);
        Assert.Equal("<thinking>First 2, then 2 more.</thinking>\n\nThe answer is 4.", chain.FullResponse);
        Assert.False(chain.Verified);
    }

    [Fact]
    public void Read_ObjectWithoutFullResponse_ComposesIt()
    {
        var responses = Json("""[{"natural_reasoning": "R", "formal_answer": "A"}]""");

        var chain = Assert.Single(ChainReader.Read("i", "q", "g", responses, itemSucceeded: true));

        Assert.Equal("<thinking>R</thinking>\n\nA", chain.FullResponse);
        Assert.True(chain.Verified);
    }

    [Fact]
    public void Split_NoTags_KeepsEverythingAsTheAnswer()
    {
        Assert.Equal((null, "just text"), ChainReader.Split("  just text "));
    }

    [Fact]
    public void Read_NotAnArray_YieldsNothing()
    {
        Assert.Empty(ChainReader.Read("i", "q", "g", Json("{}"), itemSucceeded: true));
    }
}
