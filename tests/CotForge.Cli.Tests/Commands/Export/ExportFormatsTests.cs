using System.Text;
using System.Text.Json;
using CotForge.Cli.Commands.Export;

namespace CotForge.Cli.Tests.Commands.Export;

public sealed class ExportFormatsTests
{
    private static readonly ExportChain Chain = new("id", "Wie viel ist 2+2? \"quoted\"", "4",
        "<thinking>Zwei plus zwei.</thinking>\n\nVier.", "Zwei plus zwei.", "Vier.", true);

    private static JsonElement WriteOne(IExportFormat format, ExportChain chain)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            format.Write(writer, chain);
        }

        return JsonDocument.Parse(Encoding.UTF8.GetString(buffer.ToArray())).RootElement.Clone();
    }

    [Fact]
    public void Names_AreTheFourDocumentedFormats()
    {
        Assert.Equal(["sharegpt", "openai", "alpaca", "huatuo"], ExportFormats.Names);
        Assert.IsType<HuatuoFormat>(ExportFormats.Find("HUATUO"));
        Assert.Null(ExportFormats.Find("csv"));
    }

    [Fact]
    public void ShareGpt_WritesHumanThenGpt()
    {
        var json = WriteOne(new ShareGptFormat(), Chain);

        var turns = json.GetProperty("conversations");
        Assert.Equal(2, turns.GetArrayLength());
        Assert.Equal("human", turns[0].GetProperty("from").GetString());
        Assert.Equal(Chain.Question, turns[0].GetProperty("value").GetString());
        Assert.Equal("gpt", turns[1].GetProperty("from").GetString());
        Assert.Equal(Chain.FullResponse, turns[1].GetProperty("value").GetString());
        Assert.Single(json.EnumerateObject());
    }

    [Fact]
    public void OpenAi_WritesUserThenAssistant()
    {
        var json = WriteOne(new OpenAiChatFormat(), Chain);

        var messages = json.GetProperty("messages");
        Assert.Equal(2, messages.GetArrayLength());
        Assert.Equal("user", messages[0].GetProperty("role").GetString());
        Assert.Equal(Chain.Question, messages[0].GetProperty("content").GetString());
        Assert.Equal("assistant", messages[1].GetProperty("role").GetString());
        Assert.Equal(Chain.FullResponse, messages[1].GetProperty("content").GetString());
        Assert.Single(json.EnumerateObject());
    }

    [Fact]
    public void Alpaca_WritesInstructionEmptyInputAndOutput()
    {
        var json = WriteOne(new AlpacaFormat(), Chain);

        Assert.Equal(["instruction", "input", "output"], json.EnumerateObject().Select(p => p.Name));
        Assert.Equal(Chain.Question, json.GetProperty("instruction").GetString());
        Assert.Equal("", json.GetProperty("input").GetString());
        Assert.Equal(Chain.FullResponse, json.GetProperty("output").GetString());
    }

    [Fact]
    public void Huatuo_WritesQuestionReasoningAndFormalAnswerApart()
    {
        var json = WriteOne(new HuatuoFormat(), Chain);

        Assert.Equal(["Question", "Complex_CoT", "Response"], json.EnumerateObject().Select(p => p.Name));
        Assert.Equal(Chain.Question, json.GetProperty("Question").GetString());
        Assert.Equal("Zwei plus zwei.", json.GetProperty("Complex_CoT").GetString());
        Assert.Equal("Vier.", json.GetProperty("Response").GetString());
    }

    [Fact]
    public void Huatuo_ChainWithoutSeparateReasoning_IsRefusedWithAReason()
    {
        var format = new HuatuoFormat();

        Assert.NotNull(format.CannotWrite(Chain with { NaturalReasoning = null }));
        Assert.Null(format.CannotWrite(Chain));
        Assert.Null(new ShareGptFormat().CannotWrite(Chain with { NaturalReasoning = null }));
    }
}
