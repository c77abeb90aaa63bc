using CotForge.Pipeline.Load;

namespace CotForge.Pipeline.Tests.Load;

public sealed class InputOptionsTests
{
    [Fact]
    public void Defaults_AreDocumentedValues()
    {
        var options = new InputOptions();

        Assert.Null(options.Format);
        Assert.Null(options.QuestionField);
        Assert.Null(options.AnswerField);
        Assert.Null(options.AnswerPattern);
        Assert.Equal(100_000, options.MaxFieldLength);
        Assert.Equal(16 * 1024 * 1024, options.MaxRecordBytes);
        Assert.Null(options.Limit);
        options.Validate();
    }

    [Fact]
    public void Validate_SeveralBadOptions_OneMessageNamingEach()
    {
        var options = new InputOptions { MaxFieldLength = 0, Limit = 0, AnswerPattern = "(unclosed", QuestionField = "x", AnswerField = "x" };

        var ex = Assert.Throws<ArgumentException>(options.Validate);

        Assert.Contains("'MaxFieldLength' must be between 1 and", ex.Message, StringComparison.Ordinal);
        Assert.Contains("was 0.", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'Limit' must be between 1 and", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'AnswerPattern' must be 'gsm8k' or a valid regular expression; was '(unclosed'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("must differ; both were 'x'", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a.csv", InputFormat.Csv)]
    [InlineData("a.TSV", InputFormat.Tsv)]
    [InlineData("a.jsonl", InputFormat.JsonLines)]
    [InlineData("a.ndjson", InputFormat.JsonLines)]
    [InlineData("a.json", InputFormat.JsonArray)]
    public void FromPath_KnownExtension_Format(string path, InputFormat expected) => Assert.Equal(expected, InputFormats.FromPath(path));

    [Fact]
    public void FromPath_UnknownExtension_ThrowsSayingWhatIsSupported()
    {
        var ex = Assert.Throws<InputFormatException>(() => InputFormats.FromPath("a.xlsx"));
        Assert.Contains(".csv, .tsv, .jsonl or .json", ex.Message, StringComparison.Ordinal);
    }
}
