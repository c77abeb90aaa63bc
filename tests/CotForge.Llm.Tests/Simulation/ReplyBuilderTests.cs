using System.Text.Json;
using CotForge.Llm.Simulation;

namespace CotForge.Llm.Tests.Simulation;

public sealed class ReplyBuilderTests
{
    [Theory]
    [InlineData("plain text")]
    [InlineData("")]
    [InlineData("quotes \" and back\\slashes \\\" mixed")]
    [InlineData("line\nbreaks\r\nand\ttabs\b\f and \u0001\u001f controls")]
    [InlineData("non-ASCII: é, 東京, emoji 🙂, <tags> & 'apostrophes' + `ticks`, \u2028 separators")]
    public void AppendEscaped_AnyText_ReadsBackAsTheSameJsonString(string text)
    {
        var builder = ReplyBuilder.Start();
        builder.Append('{');
        builder.AppendStringProperty("k\"ey", text);
        builder.Append('}');

        using var document = JsonDocument.Parse(builder.ToString());

        Assert.Equal(text, document.RootElement.GetProperty("k\"ey").GetString());
    }

    [Theory]
    [InlineData("short", 10)]
    [InlineData("  padded  ", 10)]
    [InlineData("exactly ten", 11)]
    [InlineData("a little too long", 10)]
    [InlineData("cut right after a space here", 10)]
    [InlineData("line one\r\nline two\nline three\rfour\fff\u0085g\u2028h\u2029i", 200)]
    [InlineData("line one\r\nline two\nline three", 12)]
    [InlineData("\r\n\r\nleading and trailing breaks\n\n", 200)]
    [InlineData("a \"quoted\"\nquestion", 9)]
    [InlineData("", 5)]
    public void AppendEscapedShortened_AnyText_SameAsFlattenTrimAndCut(string text, int max)
    {
        string flat = text.ReplaceLineEndings(" ").Trim();
        string expected = flat.Length <= max ? flat : flat[..max].TrimEnd() + "...";
        var builder = ReplyBuilder.Start();
        builder.Append('"');
        builder.AppendEscapedShortened(text, max);
        builder.Append('"');

        Assert.Equal(expected, JsonSerializer.Deserialize<string>(builder.ToString()));
    }

    [Fact]
    public void Append_BeyondTheInitialBuffer_KeepsEverything()
    {
        string piece = new('x', 1000);
        var builder = ReplyBuilder.Start();
        for (int i = 0; i < 50; i++)
        {
            builder.Append(piece);
            builder.Append((double)i);
        }

        string text = builder.ToString();

        Assert.Equal((50 * 1000) + 10 + (40 * 2), text.Length);
        Assert.EndsWith(piece + "49", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Start_AfterALongReply_BeginsEmpty()
    {
        var first = ReplyBuilder.Start();
        first.Append(new string('y', 10_000));
        _ = first.ToString();

        var second = ReplyBuilder.Start();
        second.Append("z");

        Assert.Equal("z", second.ToString());
    }
}
