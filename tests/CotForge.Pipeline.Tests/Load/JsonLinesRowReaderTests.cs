using System.Text;
using CotForge.Pipeline.Load;

namespace CotForge.Pipeline.Tests.Load;

public sealed class JsonLinesRowReaderTests
{
    [Fact]
    public async Task ReadAsync_Gsm8kSliceWithPreset_ExtractsFinalAnswers()
    {
        LoadResult result = await LoadResult.ReadAsync(TestData.Path("gsm8k_test_first40.jsonl"), new InputOptions { AnswerPattern = "gsm8k" });

        Assert.Empty(result.Rejects);
        Assert.Equal(40, result.Rows.Count);
        Assert.Equal("18", result.Rows[0].GroundTruth);
        Assert.StartsWith("Janet\u2019s ducks lay 16 eggs", result.Rows[0].Question, StringComparison.Ordinal);
        Assert.Equal("3", result.Rows[1].GroundTruth);
        Assert.Equal(Enumerable.Range(1, 40).Select(i => (long)i), result.Rows.Select(r => r.Line));
        Assert.All(result.Rows, r => Assert.DoesNotContain("####", r.GroundTruth, StringComparison.Ordinal));
        Assert.Equal("gsm8k", result.Mapping!.AnswerPattern);
    }

    [Fact]
    public async Task ReadAsync_NumbersBooleansAndEscapes_AcceptedAsText()
    {
        using var dir = new TempDirectory();
        string path = dir.File("in.jsonl",
            "{\"question\":\"n\",\"answer\":42.50}\n" +
            "{\"answer\":true,\"question\":\"b\"}\n" +
            "{\"qu\\u0065stion\":\"esc \\\"q\\\" \\u00e9\",\"answer\":\"a\",\"other\":{\"x\":[1,2]}}\n");

        LoadResult result = await LoadResult.ReadAsync(path);

        Assert.Empty(result.Rejects);
        Assert.Equal([new InputRow("n", "42.50", 1), new InputRow("b", "true", 2), new InputRow("esc \"q\" é", "a", 3)], result.Rows);
    }

    [Fact]
    public async Task ReadAsync_BomCrlfAndBlankLines_Handled()
    {
        using var dir = new TempDirectory();
        byte[] body = Encoding.UTF8.GetBytes("{\"question\":\"q1\",\"answer\":\"a1\"}\r\n\r\n   \r\n{\"question\":\"q2\",\"answer\":\"a2\"}");
        string path = dir.File("in.jsonl", [0xEF, 0xBB, 0xBF, .. body]);

        LoadResult result = await LoadResult.ReadAsync(path);

        Assert.Empty(result.Rejects);
        Assert.Equal([new InputRow("q1", "a1", 1), new InputRow("q2", "a2", 4)], result.Rows);
    }

    [Fact]
    public async Task ReadAsync_HostileLines_EachRejectedWithReasonAndLine()
    {
        using var dir = new TempDirectory();
        var lines = new List<byte[]>
        {
            "{\"question\":\"ok\",\"answer\":\"1\"}"u8.ToArray(),          // 1
            "{\"question\":\"broken\",\"answer\":"u8.ToArray(),            // 2 invalid json
            "[1,2,3]"u8.ToArray(),                                         // 3 not an object
            "{\"question\":\"no answer\"}"u8.ToArray(),                   // 4 missing
            "{\"question\":\"   \",\"answer\":\"x\"}"u8.ToArray(),         // 5 blank
            "{\"question\":\"q\",\"answer\":null}"u8.ToArray(),            // 6 null = blank
            "{\"question\":\"q\",\"answer\":[\"x\"]}"u8.ToArray(),         // 7 not text
            "{\"question\":\"q\",\"answer\":\"x\"} {}"u8.ToArray(),        // 8 two values
            (byte[])[.. "{\"question\":\"bad "u8.ToArray(), 0xC3, 0x28, .. "\",\"answer\":\"x\"}"u8.ToArray()], // 9 invalid utf-8
            "{\"question\":\"way too long question\",\"answer\":\"x\"}"u8.ToArray(), // 10 too large
            "{\"question\":\"last\",\"answer\":2}"u8.ToArray(),            // 11
        };
        string path = dir.File("in.jsonl", lines.SelectMany(l => l.Append((byte)'\n')).ToArray());

        LoadResult result = await LoadResult.ReadAsync(path, new InputOptions { MaxFieldLength = 12 });

        Assert.Equal([new InputRow("ok", "1", 1), new InputRow("last", "2", 11)], result.Rows);
        Assert.Equal(
            [(2L, RejectKinds.InvalidJson), (3, RejectKinds.NotAnObject), (4, RejectKinds.MissingField), (5, RejectKinds.BlankField),
             (6, RejectKinds.BlankField), (7, RejectKinds.NotText), (8, RejectKinds.InvalidJson), (9, RejectKinds.InvalidUtf8), (10, RejectKinds.FieldTooLarge)],
            result.Rejects.Select(r => (r.Line, r.Kind)));
        Assert.Equal("{\"question\":\"no answer\"}", result.Rejects[2].Raw);
    }

    [Fact]
    public async Task ReadAsync_LineLongerThanMaxRecordBytes_RejectedAndFollowingLinesStillRead()
    {
        using var dir = new TempDirectory();
        string huge = "{\"question\":\"" + new string('x', 5000) + "\",\"answer\":\"a\"}";
        string path = dir.File("in.jsonl", "{\"question\":\"q1\",\"answer\":\"a\"}\n" + huge + "\n{\"question\":\"q3\",\"answer\":\"a\"}\n");

        LoadResult result = await LoadResult.ReadAsync(path, new InputOptions { MaxRecordBytes = 1024 });

        Assert.Equal([new InputRow("q1", "a", 1), new InputRow("q3", "a", 3)], result.Rows);
        RowRejectedArgs reject = Assert.Single(result.Rejects);
        Assert.Equal((2L, RejectKinds.RecordTooLarge), (reject.Line, reject.Kind));
        Assert.True(reject.Raw.Length <= RowRejectedArgs.MaxRawLength + 1);
    }

    [Fact]
    public async Task ReadAsync_LinesLongerThanTheInitialBuffer_ReadWhole()
    {
        using var dir = new TempDirectory();
        string question = new('q', 200_000);
        string path = dir.File("in.jsonl", "{\"question\":\"" + question + "\",\"answer\":\"a\"}\n{\"question\":\"short\",\"answer\":\"b\"}");

        LoadResult result = await LoadResult.ReadAsync(path, new InputOptions { MaxFieldLength = 300_000 });

        Assert.Equal([new InputRow(question, "a", 1), new InputRow("short", "b", 2)], result.Rows);
    }

    [Fact]
    public async Task ReadAsync_AliasedFields_MappingReportedAsAlias()
    {
        using var dir = new TempDirectory();
        string path = dir.File("in.jsonl", "{\"Open-ended Verifiable Question\":\"q\",\"Ground-True Answer\":\"a\"}\n");

        LoadResult result = await LoadResult.ReadAsync(path);

        Assert.Equal([new InputRow("q", "a", 1)], result.Rows);
        Assert.Equal(new FieldMapping("Open-ended Verifiable Question", FieldMappingSource.Alias, "Ground-True Answer", FieldMappingSource.Alias, null), result.Mapping);
    }

    [Fact]
    public async Task ReadAsync_CustomPatternWithoutMatch_RejectedAsPatternMismatch()
    {
        using var dir = new TempDirectory();
        string path = dir.File("in.jsonl", "{\"question\":\"q1\",\"answer\":\"The answer is 7.\"}\n{\"question\":\"q2\",\"answer\":\"no idea\"}\n");

        LoadResult result = await LoadResult.ReadAsync(path, new InputOptions { AnswerPattern = @"answer is (?<answer>\d+)" });

        Assert.Equal([new InputRow("q1", "7", 1)], result.Rows);
        Assert.Equal((2L, RejectKinds.AnswerPatternMismatch), (result.Rejects[0].Line, result.Rejects[0].Kind));
    }

    [Fact]
    public async Task ReadAsync_FirstRecordWithoutUsableFields_RejectedAndMappingTakenFromTheNext()
    {
        using var dir = new TempDirectory();
        string path = dir.File("in.jsonl", "{\"question\":\"only q\"}\n{\"question\":\"q\",\"answer\":\"a\"}\n");

        LoadResult result = await LoadResult.ReadAsync(path);

        Assert.Equal([new InputRow("q", "a", 2)], result.Rows);
        Assert.Equal((1L, RejectKinds.MissingField), (result.Rejects[0].Line, result.Rejects[0].Kind));
    }

    [Fact]
    public async Task ReadAsync_NoRecordHasUsableFields_ThrowsNamingTheFieldsFound()
    {
        using var dir = new TempDirectory();
        string path = dir.File("in.jsonl", "{\"foo\":1}\n{\"foo\":2}\n");

        var ex = await Assert.ThrowsAsync<InputFormatException>(() => LoadResult.ReadAsync(path));

        Assert.Contains("Fields found: 'foo'", ex.Message, StringComparison.Ordinal);
    }
}
