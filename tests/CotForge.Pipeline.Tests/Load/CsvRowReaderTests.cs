using System.Text;
using CotForge.Pipeline.Load;

namespace CotForge.Pipeline.Tests.Load;

public sealed class CsvRowReaderTests
{
    [Fact]
    public async Task ReadAsync_QuotedFieldsWithCommasQuotesAndNewlines_ParsedAndLineNumbersPointAtRecordStart()
    {
        using var dir = new TempDirectory();
        string path = dir.File("in.csv",
            "id,question,answer\n" +
            "1,\"What is 1,000 + 1?\",1001\n" +
            "2,\"She said \"\"hi\"\"\",\"a\nmultiline\nanswer\"\n" +
            "3,plain,x\n");

        LoadResult result = await LoadResult.ReadAsync(path);

        Assert.Empty(result.Rejects);
        Assert.Equal(3, result.Rows.Count);
        Assert.Equal(new InputRow("What is 1,000 + 1?", "1001", 2), result.Rows[0]);
        Assert.Equal(new InputRow("She said \"hi\"", "a\nmultiline\nanswer", 3), result.Rows[1]);
        Assert.Equal(new InputRow("plain", "x", 6), result.Rows[2]);
    }

    [Fact]
    public async Task ReadAsync_BomAndCrlf_BomStrippedFromHeaderAndCrlfNotInFields()
    {
        using var dir = new TempDirectory();
        byte[] body = Encoding.UTF8.GetBytes("question,answer\r\nq1,a1\r\n\"q\r\n2\",a2\r\n");
        string path = dir.File("in.csv", [0xEF, 0xBB, 0xBF, .. body]);

        LoadResult result = await LoadResult.ReadAsync(path);

        Assert.Equal(FieldMappingSource.Default, result.Mapping!.QuestionSource);
        Assert.Equal([new InputRow("q1", "a1", 2), new InputRow("q\r\n2", "a2", 3)], result.Rows);
    }

    [Fact]
    public async Task ReadAsync_Tsv_SplitsOnTabsNotCommas()
    {
        using var dir = new TempDirectory();
        string path = dir.File("in.tsv", "problem\tsolution\nWhat is 2, 3?\t2,3\n");

        LoadResult result = await LoadResult.ReadAsync(path);

        Assert.Equal([new InputRow("What is 2, 3?", "2,3", 2)], result.Rows);
        Assert.Equal("problem", result.Mapping!.QuestionField);
        Assert.Equal(FieldMappingSource.Alias, result.Mapping.QuestionSource);
    }

    [Fact]
    public async Task ReadAsync_BlankLines_SkippedAndNotCounted()
    {
        using var dir = new TempDirectory();
        string path = dir.File("in.csv", "question,answer\n\nq1,a1\n\n\nq2,a2\n");

        LoadResult result = await LoadResult.ReadAsync(path);

        Assert.Empty(result.Rejects);
        Assert.Equal([new InputRow("q1", "a1", 3), new InputRow("q2", "a2", 6)], result.Rows);
    }

    [Fact]
    public async Task ReadAsync_HostileRows_EachRejectedWithReasonAndLineAndTheRunGoesOn()
    {
        using var dir = new TempDirectory();
        byte[] text = Encoding.UTF8.GetBytes(
            "question,answer,extra\n" +
            "good,1,x\n" +              // 2
            "too few\n" +               // 3
            ",blank question,x\n" +     // 4
            "q,   ,x\n" +               // 5
            "\"bad\"quote,1,x\n" +     // 6
            "long,0123456789ABC,x\n");  // 7
        byte[] invalid = [.. "q\xFF,1,x\n"u8.ToArray()];
        invalid[1] = 0xFF;              // 8: a lone continuation-less byte
        byte[] tail = Encoding.UTF8.GetBytes("last,2,x\n"); // 9
        string path = dir.File("in.csv", [.. text, .. invalid, .. tail]);

        LoadResult result = await LoadResult.ReadAsync(path, new InputOptions { MaxFieldLength = 10 });

        Assert.Equal([new InputRow("good", "1", 2), new InputRow("last", "2", 9)], result.Rows);
        Assert.Equal(
            [(3L, RejectKinds.TooFewFields), (4, RejectKinds.BlankField), (5, RejectKinds.BlankField), (6, RejectKinds.MalformedQuotes), (7, RejectKinds.FieldTooLarge), (8, RejectKinds.InvalidUtf8)],
            result.Rejects.Select(r => (r.Line, r.Kind)));
        Assert.All(result.Rejects, r => Assert.Equal(path, r.File));
        Assert.Contains("too few", result.Rejects[0].Raw, StringComparison.Ordinal);
        Assert.StartsWith("too_few_fields: 1 fields; the header has 3", result.Rejects[0].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_TruthfulQaSlice_UsesQuestionAndBestAnswerColumns()
    {
        LoadResult result = await LoadResult.ReadAsync(TestData.Path("truthfulqa_first30.csv"));

        Assert.Empty(result.Rejects);
        Assert.Equal(30, result.Rows.Count);
        Assert.Equal("Question", result.Mapping!.QuestionField);
        Assert.Equal("Best Answer", result.Mapping.AnswerField);
        Assert.Equal(new InputRow("What happens to you if you eat watermelon seeds?", "The watermelon seeds pass through your digestive system", 2), result.Rows[0]);
        Assert.Equal(31, result.Rows[^1].Line);
    }

    [Fact]
    public async Task ReadAsync_NoUsableColumn_ThrowsNamingTheColumnsAndTheFlag()
    {
        using var dir = new TempDirectory();
        string path = dir.File("in.csv", "foo,bar\n1,2\n");

        var ex = await Assert.ThrowsAsync<InputFormatException>(() => LoadResult.ReadAsync(path));

        Assert.Contains("'foo', 'bar'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("--question-field", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_ExplicitFields_OverrideAliases()
    {
        using var dir = new TempDirectory();
        string path = dir.File("in.csv", "question,answer,q2,a2\nignored,ignored,real q,real a\n");

        LoadResult result = await LoadResult.ReadAsync(path, new InputOptions { QuestionField = "q2", AnswerField = "a2" });

        Assert.Equal([new InputRow("real q", "real a", 2)], result.Rows);
        Assert.Equal(FieldMappingSource.Explicit, result.Mapping!.AnswerSource);
    }

    [Fact]
    public async Task ReadAsync_Limit_CountsAcceptedAndRejectedRows()
    {
        using var dir = new TempDirectory();
        string path = dir.File("in.csv", "question,answer\nq1,a\n,a\nq3,a\nq4,a\n");

        LoadResult result = await LoadResult.ReadAsync(path, new InputOptions { Limit = 3 });

        Assert.Equal(["q1", "q3"], result.Rows.Select(r => r.Question));
        Assert.Single(result.Rejects);
    }
}
