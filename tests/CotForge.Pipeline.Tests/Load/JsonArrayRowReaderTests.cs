using CotForge.Pipeline.Load;

namespace CotForge.Pipeline.Tests.Load;

public sealed class JsonArrayRowReaderTests
{
    [Fact]
    public async Task ReadAsync_ArrayOfObjects_RecordNumbersAndRejects()
    {
        using var dir = new TempDirectory();
        string path = dir.File("in.json", """
            [
              {"prompt": "q1", "target": 5},
              "not an object",
              {"prompt": "q3"},
              {"prompt": "q4", "target": false}
            ]
            """);

        LoadResult result = await LoadResult.ReadAsync(path);

        Assert.Equal([new InputRow("q1", "5", 1), new InputRow("q4", "false", 4)], result.Rows);
        Assert.Equal([(2L, RejectKinds.NotAnObject), (3L, RejectKinds.MissingField)], result.Rejects.Select(r => (r.Line, r.Kind)));
        Assert.Equal("target", result.Mapping!.AnswerField);
    }

    [Fact]
    public async Task ReadAsync_SyntaxErrorMidArray_EarlierRowsKeptAndErrorRejected()
    {
        using var dir = new TempDirectory();
        string path = dir.File("in.json", """[{"question":"q1","answer":"a"}, {"question": "q2", "answer": oops}]""");

        LoadResult result = await LoadResult.ReadAsync(path);

        Assert.Equal([new InputRow("q1", "a", 1)], result.Rows);
        RowRejectedArgs reject = Assert.Single(result.Rejects);
        Assert.Equal((2L, RejectKinds.InvalidJson), (reject.Line, reject.Kind));
    }
}
