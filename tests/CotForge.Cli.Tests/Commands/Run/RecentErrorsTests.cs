using CotForge.Cli.Commands.Run;
using CotForge.Cli.Tests.Support;

namespace CotForge.Cli.Tests.Commands.Run;

public sealed class RecentErrorsTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private static string Line(string id, string kind, string message, string time) =>
        $$"""{"id":"{{id}}","stage":"search","kind":"{{kind}}","message":"{{message}}","attempts":7,"time":"{{time}}"}""";

    [Fact]
    public void Read_GroupsThisRunsErrorsAndIgnoresOlderOnes()
    {
        _temp.Write("errors.jsonl", string.Join('\n',
            Line("a", "provider_error", "old failure", "2025-01-01T00:00:00+00:00"),
            Line("b", "provider_error", "Connection refused", "2025-06-01T00:00:01+00:00"),
            Line("c", "unparseable_output", "no JSON", "2025-06-01T00:00:02+00:00"),
            Line("d", "provider_error", "Connection refused", "2025-06-01T00:00:03+00:00"),
            "{not json",
            ""));

        var errors = RecentErrors.Read(_temp.Path, new DateTimeOffset(2025, 6, 1, 0, 0, 0, TimeSpan.Zero), max: 3);

        Assert.Equal(
            [new RecentErrors.Entry("search", "provider_error", "Connection refused", 2), new RecentErrors.Entry("search", "unparseable_output", "no JSON", 1)],
            errors);
    }

    [Fact]
    public void Read_NoFile_IsEmpty()
    {
        Assert.Empty(RecentErrors.Read(_temp.Path, DateTimeOffset.MinValue, 3));
    }

    [Fact]
    public void Read_LargeFile_ReadsOnlyTheTail()
    {
        var lines = Enumerable.Range(0, 5000).Select(i => Line("x" + i, "provider_error", "message " + i, "2025-06-01T00:00:00+00:00"));
        _temp.Write("errors.jsonl", string.Join('\n', lines) + "\n");

        var errors = RecentErrors.Read(_temp.Path, DateTimeOffset.MinValue, max: 1);

        var first = Assert.Single(errors);
        Assert.NotEqual("message 0", first.Message);
    }
}
