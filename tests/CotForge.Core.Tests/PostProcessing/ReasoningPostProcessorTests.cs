using CotForge.Core.Items;
using CotForge.Core.PostProcessing;
using CotForge.Core.Prompts;
using CotForge.Core.Search;
using CotForge.Core.Tests.Fakes;

namespace CotForge.Core.Tests.PostProcessing;

public sealed class ReasoningPostProcessorTests
{
    private static ScriptedChatClient Client() => new ScriptedChatClient()
        .On(PromptKind.NaturalReasoning, c => Replies.Natural("Thinking about " + c.Section(PromptProtocol.QuestionTag)))
        .On(PromptKind.FormalAnswer, _ => "  The answer is 42.  ");

    [Fact]
    public async Task ProcessAsync_SuccessfulTerminalNode_NaturalThenFormalCombined()
    {
        var client = Client();

        var item = await new ReasoningPostProcessor(client).ProcessAsync(Trees.Beam());

        var element = Assert.Single(item.ChainOfThoughtResponses);
        Assert.Equal("n4", element["node_id"]!.GetValue<string>());
        Assert.True(element["success"]!.GetValue<bool>());
        Assert.Equal("Thinking about What is 6 x 7?", element["natural_reasoning"]!.GetValue<string>());
        Assert.Equal("The answer is 42.", element["formal_answer"]!.GetValue<string>());
        Assert.Equal("<thinking>Thinking about What is 6 x 7?</thinking>\n\nThe answer is 42.", element["full_response"]!.GetValue<string>());
        Assert.Equal([PromptKind.NaturalReasoning, PromptKind.FormalAnswer], client.Calls.Select(c => c.Kind));
        Assert.Equal("Thinking about What is 6 x 7?", client.Calls[1].Section(PromptProtocol.ReasoningTag));
    }

    [Fact]
    public async Task ProcessAsync_NaturalReasoningPrompt_CarriesTheFullChainFromTheRoot()
    {
        var client = Client();

        await new ReasoningPostProcessor(client).ProcessAsync(Trees.Beam());

        string reasoning = client.CallsOf(PromptKind.NaturalReasoning)[0].Section(PromptProtocol.ReasoningTag)!;
        Assert.Contains("\"40\"", reasoning, StringComparison.Ordinal);
        Assert.Contains("\"41\"", reasoning, StringComparison.Ordinal);
        Assert.Contains("\"42\"", reasoning, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProcessAsync_IncludeUnsuccessful_ProcessesEveryTerminalNodeInOrder()
    {
        var processor = new ReasoningPostProcessor(Client(), o: new PostProcessingOptions { IncludeUnsuccessful = true, ThinkingTag = "think" });

        var item = await processor.ProcessAsync(Trees.Beam());

        Assert.Equal(["n4", "n6"], item.ChainOfThoughtResponses.Select(e => e["node_id"]!.GetValue<string>()));
        Assert.False(item.ChainOfThoughtResponses[1]["success"]!.GetValue<bool>());
        Assert.StartsWith("<think>", item.ChainOfThoughtResponses[1]["full_response"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProcessAsync_NoSuccessfulNode_EmptyWithoutCalls()
    {
        var client = Client();
        var unsuccessful = Trees.Beam();
        foreach (var node in unsuccessful.TerminalNodes)
        {
            node.Success = false;
        }

        var item = await new ReasoningPostProcessor(client).ProcessAsync(new Core.Reasoning.SearchResult("q", "g", false, unsuccessful.TerminalNodes));

        Assert.Empty(item.ChainOfThoughtResponses);
        Assert.Empty(client.Calls);
    }

    [Fact]
    public async Task ProcessAsync_NaturalReasoningUnparseable_RetriesThenFailsAsPostProcess()
    {
        var client = new ScriptedChatClient().On(PromptKind.NaturalReasoning, _ => "Sure, here's a rewrite without JSON.");

        var ex = await Assert.ThrowsAsync<ReasoningFailureException>(() => new ReasoningPostProcessor(client).ProcessAsync(Trees.Naive()).AsTask());

        Assert.Equal(("post_process", "unparseable_output", 3), (ex.Stage, ex.Kind, ex.Attempts));
    }

    [Fact]
    public async Task ProcessAsync_EmptyFormalAnswer_RetriedThenEmptyOutput()
    {
        var client = new ScriptedChatClient()
            .On(PromptKind.NaturalReasoning, _ => Replies.Natural("ok"))
            .Enqueue(PromptKind.FormalAnswer, "", "   ", "")
            .On(PromptKind.FormalAnswer, _ => "late");

        var ex = await Assert.ThrowsAsync<ReasoningFailureException>(() => new ReasoningPostProcessor(client).ProcessAsync(Trees.Naive()).AsTask());

        Assert.Equal("empty_output", ex.Kind);
        Assert.Equal(3, client.CallsOf(PromptKind.FormalAnswer).Count);
    }

    [Fact]
    public async Task ProcessAsync_WithoutAmbientItem_EntersTheItemForTheCalls()
    {
        ItemContext? seen = null;
        var client = Client();
        client.BeforeReply = (_, _) =>
        {
            seen = ItemContext.Current;
            return Task.CompletedTask;
        };

        await new ReasoningPostProcessor(client).ProcessAsync(Trees.Naive());

        Assert.Equal(ItemId.Compute("What is 6 x 7?", "42"), seen?.Id);
        Assert.Null(ItemContext.Current);
    }

    [Fact]
    public async Task ProcessAsync_Token_ReachesEveryCall()
    {
        var client = Client();
        using var cts = new CancellationTokenSource();

        await new ReasoningPostProcessor(client).ProcessAsync(Trees.Naive(), cts.Token);

        Assert.All(client.Calls, c => Assert.Equal(cts.Token, c.CancellationToken));
    }

    [Theory]
    [InlineData("", "'ThinkingTag'")]
    [InlineData("a b", "'ThinkingTag'")]
    [InlineData("<x>", "'ThinkingTag'")]
    public void Constructor_InvalidTag_ThrowsNamingOption(string tag, string message)
    {
        var ex = Assert.Throws<ArgumentException>(() => new ReasoningPostProcessor(Client(), o: new PostProcessingOptions { ThinkingTag = tag }));

        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PostProcessingOptions_Defaults()
    {
        var options = new PostProcessingOptions();

        Assert.Equal(("thinking", false, 2), (options.ThinkingTag, options.IncludeUnsuccessful, options.ParseRetries));
    }
}
