using System.Text.Json;
using CotForge.Cli.Tests.Support;

namespace CotForge.Cli.Tests.Commands.Export;

public sealed class ExportCommandTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    /// <summary>
    /// Three items: one with a verified and an unverified chain, one unverified item with a chain, and one item whose
    /// question has quotes, a newline and non-ASCII text.
    /// </summary>
    private async Task WriteMixedDatasetAsync()
    {
        await DatasetBuilder.WriteAsync(_temp.Path, "mixed", "naive_linear_search",
            DatasetBuilder.Item("What is 2+2?", "4", true,
                DatasetBuilder.Chain("n2", true, "Two and two make four.", "4"),
                DatasetBuilder.Chain("n4", false, "Two and two make five.", "5")),
            DatasetBuilder.Item("What is 3+3?", "6", false,
                DatasetBuilder.Chain("n3", false, "Three and three make seven.", "7")),
            DatasetBuilder.Item("Wie heißt \"π\"?\nKurz bitte.", "Pi", true,
                DatasetBuilder.Chain("n1", true, "Der Buchstabe π heißt Pi.", "Pi")));
    }

    private async Task<(CliResult Result, IReadOnlyList<JsonElement> Records)> ExportAsync(string format, params string[] extra)
    {
        string output = _temp.File(format + ".jsonl");
        var result = await CliRunner.RunAsync(["export", "--base-dir", _temp.Path, "--format", format, "--output", output, .. extra]);
        return (result, DatasetFiles.Lines(output));
    }

    [Fact]
    public async Task Export_ShareGpt_OneConversationPerVerifiedChain()
    {
        await WriteMixedDatasetAsync();

        var (result, records) = await ExportAsync("sharegpt");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(2, records.Count);
        var first = records[0].GetProperty("conversations");
        Assert.Equal("human", first[0].GetProperty("from").GetString());
        Assert.Equal("What is 2+2?", first[0].GetProperty("value").GetString());
        Assert.Equal("gpt", first[1].GetProperty("from").GetString());
        Assert.Equal("<thinking>Two and two make four.</thinking>\n\n4", first[1].GetProperty("value").GetString());
        Assert.Equal("Wie heißt \"π\"?\nKurz bitte.", records[1].GetProperty("conversations")[0].GetProperty("value").GetString());
        Assert.Contains("Wrote 2 sharegpt records from 3 items", result.Output, StringComparison.Ordinal);
        Assert.Contains("Left out 2 unverified chains", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_OpenAi_UserThenAssistantMessages()
    {
        await WriteMixedDatasetAsync();

        var (result, records) = await ExportAsync("openai");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(2, records.Count);
        var messages = records[0].GetProperty("messages");
        Assert.Equal(2, messages.GetArrayLength());
        Assert.Equal("user", messages[0].GetProperty("role").GetString());
        Assert.Equal("What is 2+2?", messages[0].GetProperty("content").GetString());
        Assert.Equal("assistant", messages[1].GetProperty("role").GetString());
        Assert.Equal("<thinking>Two and two make four.</thinking>\n\n4", messages[1].GetProperty("content").GetString());
    }

    [Fact]
    public async Task Export_Alpaca_InstructionInputOutput()
    {
        await WriteMixedDatasetAsync();

        var (_, records) = await ExportAsync("alpaca");

        Assert.Equal(2, records.Count);
        Assert.Equal(["instruction", "input", "output"], records[1].EnumerateObject().Select(p => p.Name));
        Assert.Equal("Wie heißt \"π\"?\nKurz bitte.", records[1].GetProperty("instruction").GetString());
        Assert.Equal("", records[1].GetProperty("input").GetString());
        Assert.Equal("<thinking>Der Buchstabe π heißt Pi.</thinking>\n\nPi", records[1].GetProperty("output").GetString());
    }

    [Fact]
    public async Task Export_Huatuo_QuestionComplexCotResponse()
    {
        await WriteMixedDatasetAsync();

        var (_, records) = await ExportAsync("huatuo");

        Assert.Equal(2, records.Count);
        Assert.Equal(["Question", "Complex_CoT", "Response"], records[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal("What is 2+2?", records[0].GetProperty("Question").GetString());
        Assert.Equal("Two and two make four.", records[0].GetProperty("Complex_CoT").GetString());
        Assert.Equal("4", records[0].GetProperty("Response").GetString());
    }

    [Fact]
    public async Task Export_IncludeUnverified_AddsTheOtherChains()
    {
        await WriteMixedDatasetAsync();

        var (result, records) = await ExportAsync("huatuo", "--include-unverified");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["4", "5", "7", "Pi"], records.Select(r => r.GetProperty("Response").GetString()));
    }

    [Fact]
    public async Task Export_CotForgeDirectory_ReadsReasoningJsonlStrings()
    {
        DatasetBuilder.WriteCotForgeDirectory(_temp.Path, "legacy", "beam_search",
            ("What is 5*5?", "25", true, ["<thinking>Five fives are twenty-five.</thinking>\n\n25"]),
            ("What is 6*6?", "36", false, ["<thinking>Six sixes are thirty-five.</thinking>\n\n35"]));

        var (result, records) = await ExportAsync("huatuo");

        Assert.Equal(0, result.ExitCode);
        var record = Assert.Single(records);
        Assert.Equal("What is 5*5?", record.GetProperty("Question").GetString());
        Assert.Equal("Five fives are twenty-five.", record.GetProperty("Complex_CoT").GetString());
        Assert.Equal("25", record.GetProperty("Response").GetString());
    }

    [Fact]
    public async Task Export_RealRun_EveryRecordMatchesASucceededItem()
    {
        var run = await CliRunner.RunAsync(["run", RepoPaths.Sample("gsm8k-sample.jsonl"), "--base-dir", _temp.Path, "--sim-latency-ms", "0", "--limit", "12"]);
        Assert.Equal(0, run.ExitCode);
        var succeeded = DatasetFiles.Lines(Path.Combine(DatasetFiles.Dir(_temp.Path, "gsm8k-sample"), "results.jsonl"))
            .Where(r => r.GetProperty("success").GetBoolean())
            .Select(r => r.GetProperty("question").GetString())
            .ToHashSet();

        var (result, records) = await ExportAsync("openai");

        Assert.Equal(0, result.ExitCode);
        Assert.NotEmpty(records);
        Assert.All(records, r =>
        {
            var messages = r.GetProperty("messages");
            Assert.Contains(messages[0].GetProperty("content").GetString(), succeeded);
            Assert.StartsWith("<thinking>", messages[1].GetProperty("content").GetString(), StringComparison.Ordinal);
        });
        Assert.Empty(Directory.EnumerateFiles(_temp.Path, ".openai.jsonl.tmp-*"));
    }

    [Fact]
    public async Task Export_MissingFormatAndOutput_ReportsBothAndExits2()
    {
        var result = await CliRunner.RunAsync(["export", "--base-dir", _temp.Path, "--format", "csv"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--format is not a known format; was 'csv'. Use one of: sharegpt, openai, alpaca, huatuo.", result.Output, StringComparison.Ordinal);
        Assert.Contains("--output is required", result.Output, StringComparison.Ordinal);
    }
}
