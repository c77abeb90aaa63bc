using System.Globalization;
using CotForge.Core.Items;
using CotForge.Core.Search;
using CotForge.Pipeline.Load;
using CotForge.Storage;

namespace CotForge.Pipeline.Tests.EndToEnd;

public sealed class CotForgePipelineTests
{
    private static (List<string> Questions, List<string> Answers) Pairs(int count) =>
        (Enumerable.Range(0, count).Select(i => $"How much is {i} times 3?").ToList(),
         Enumerable.Range(0, count).Select(i => (3 * i).ToString(CultureInfo.InvariantCulture)).ToList());

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task BuildBatchAsync_InMemoryPairs_ResultsCompleteAndUniqueThenResumeSkipsAll(bool beam)
    {
        using var dir = new TempDirectory();
        CotForgePipeline pipeline = PipelineFactory.Builder(dir.Path, beam ? new BeamSearch() : null).Build();
        var (questions, answers) = Pairs(120);

        RunSummary first = await pipeline.BuildBatchAsync(questions, answers);
        RunSummary second = await pipeline.BuildBatchAsync(questions, answers, new BatchOptions { LoadProcessed = true });

        Assert.True(first.CountsAddUp);
        Assert.Equal(StopReason.Completed, first.StopReason);
        Assert.Equal(120, first.Succeeded + first.Unverified);
        Assert.Equal(beam ? "beam_search" : "naive_linear_search", first.SearchName);
        List<string> ids = PipelineFactory.ResultIds(pipeline);
        Assert.Equal(questions.Select((q, i) => ItemId.Compute(q, answers[i])).Order(), ids.Order());
        Assert.Equal(first.Succeeded, PipelineFactory.JsonLines(pipeline, "processed_results.jsonl", "chain_of_thought_responses").Count(c => c != "[]"));
        Assert.True(File.Exists(Path.Combine(pipeline.Location.DirectoryPath, "config.json")));

        Assert.Equal(120, second.AlreadyProcessed);
        Assert.Equal(0, second.Finished);
        Assert.True(second.CountsAddUp);
        Assert.Equal(120, second.Dataset!.CompletedItems);
    }

    [Fact]
    public async Task BuildBatchAsync_CancelledMidRunThenResumed_EveryItemInResultsExactlyOnce()
    {
        using var dir = new TempDirectory();
        var (questions, answers) = Pairs(1500);
        using var cts = new CancellationTokenSource();
        var progress = new SyncProgress(p =>
        {
            if (p.Finished >= 200)
            {
                cts.Cancel();
            }
        });
        // 2 ms per call keeps the run well over a second long, so a progress report delayed by a loaded machine still
        // cancels it mid-run (at zero latency the whole input could be read before the first late report).
        CotForgePipeline pipeline = PipelineFactory.Builder(dir.Path, latency: TimeSpan.FromMilliseconds(2))
            .Configure(o => { o.MaxItemsInFlight = 32; o.DedupeBatchSize = 16; o.ProgressInterval = TimeSpan.FromMilliseconds(10); o.CancellationGracePeriod = TimeSpan.FromSeconds(10); })
            .Build();

        RunSummary cancelled = await pipeline.BuildBatchAsync(questions, answers, progress: progress, cancellationToken: cts.Token);
        int afterCancel = PipelineFactory.ResultIds(pipeline).Count;
        RunSummary resumed = await pipeline.BuildBatchAsync(questions, answers);

        Assert.Equal(StopReason.Cancelled, cancelled.StopReason);
        Assert.True(cancelled.CountsAddUp);
        Assert.True(cancelled.RowsRead < 1500);
        Assert.Equal(cancelled.Succeeded + cancelled.Unverified, afterCancel);
        Assert.Equal(afterCancel, resumed.AlreadyProcessed);
        Assert.Equal(StopReason.Completed, resumed.StopReason);
        List<string> ids = PipelineFactory.ResultIds(pipeline);
        Assert.Equal(1500, ids.Count);
        Assert.Equal(1500, ids.Distinct().Count());
    }

    [Fact]
    public async Task BuildBatchFromFileAsync_Gsm8kSliceWithPreset_GroundTruthIsTheFinalNumber()
    {
        using var dir = new TempDirectory();
        CotForgePipeline pipeline = PipelineFactory.Builder(dir.Path).Build();

        RunSummary summary = await pipeline.BuildBatchFromFileAsync(TestData.Path("gsm8k_test_first40.jsonl"), new InputOptions { AnswerPattern = "gsm8k" });

        Assert.True(summary.CountsAddUp);
        Assert.Equal(40, summary.RowsRead);
        Assert.Equal(40, summary.Finished);
        Assert.Equal("question", summary.FieldMapping!.QuestionField);
        List<string> truths = PipelineFactory.JsonLines(pipeline, "results.jsonl", "ground_truth");
        Assert.Contains("18", truths);
        Assert.All(truths, t => Assert.DoesNotContain("####", t, StringComparison.Ordinal));
    }

    [Fact]
    public async Task BuildBatchFromFileAsync_TruthfulQaSlice_UsesItsOwnColumnNames()
    {
        using var dir = new TempDirectory();
        CotForgePipeline pipeline = PipelineFactory.Builder(dir.Path).Build();

        RunSummary summary = await pipeline.BuildBatchFromFileAsync(TestData.Path("truthfulqa_first30.csv"));

        Assert.True(summary.CountsAddUp);
        Assert.Equal(30, summary.Finished);
        Assert.Equal(new FieldMapping("Question", FieldMappingSource.Alias, "Best Answer", FieldMappingSource.Alias, null), summary.FieldMapping);
        Assert.Contains("The watermelon seeds pass through your digestive system", PipelineFactory.JsonLines(pipeline, "results.jsonl", "ground_truth"));
    }

    [Fact]
    public async Task BuildBatchFromFileAsync_HostileFileWithFaults_EveryRowAccountedAndRecorded()
    {
        using var dir = new TempDirectory();
        var lines = new List<string>();
        for (int i = 0; i < 200; i++)
        {
            lines.Add((i % 10) switch
            {
                0 => "{\"question\": \"broken",
                1 => "{\"question\": \"no answer here\"}",
                2 => $"{{\"question\": \"dup\", \"answer\": \"1\"}}",
                3 => string.Empty,
                _ => $"{{\"question\": \"q{i}\", \"answer\": {i}}}",
            });
        }

        string path = dir.File("hostile.jsonl", string.Join("\n", lines));
        var rejected = new List<RowRejectedArgs>();
        CotForgePipeline pipeline = PipelineFactory.Builder(Path.Combine(dir.Path, "out"), errorRate: 0.2).Build();

        RunSummary summary = await pipeline.BuildBatchFromFileAsync(path, options: new BatchOptions { RowRejected = rejected.Add });

        Assert.True(summary.CountsAddUp);
        Assert.Equal(180, summary.RowsRead);
        Assert.Equal(40, summary.Rejected);
        Assert.Equal(19, summary.InputDuplicates);
        Assert.Equal(121, summary.Finished);
        Assert.True(summary.Failed > 0);
        Assert.Equal(40, rejected.Count);
        Assert.Equal(40, PipelineFactory.JsonLines(pipeline, "rejects.jsonl", "line").Count);
        Assert.Equal(summary.Failed, PipelineFactory.JsonLines(pipeline, "errors.jsonl", "id").Count);
        Assert.Equal(summary.Succeeded + summary.Unverified, PipelineFactory.ResultIds(pipeline).Count);
        Assert.Contains("1", PipelineFactory.JsonLines(pipeline, "rejects.jsonl", "line"));
    }

    [Fact]
    public async Task BuildBatchAsync_Overwrite_StartsFromAnEmptyDirectory()
    {
        using var dir = new TempDirectory();
        CotForgePipeline pipeline = PipelineFactory.Builder(dir.Path).Build();
        var (questions, answers) = Pairs(20);
        await pipeline.BuildBatchAsync(questions, answers);

        RunSummary again = await pipeline.BuildBatchAsync(questions, answers, new BatchOptions { Overwrite = true, Limit = 5 });

        Assert.Equal(5, again.RowsRead);
        Assert.Equal(0, again.AlreadyProcessed);
        Assert.Equal(5, PipelineFactory.ResultIds(pipeline).Count);
    }

    [Fact]
    public async Task BuildBatchAsync_ConfigurationChanged_RefusedUnlessAllowed()
    {
        using var dir = new TempDirectory();
        var (questions, answers) = Pairs(5);
        await PipelineFactory.Builder(dir.Path, seed: 1).Build().BuildBatchAsync(questions, answers);
        CotForgePipeline changed = PipelineFactory.Builder(dir.Path, seed: 2).Build();

        await Assert.ThrowsAsync<ConfigMismatchException>(() => changed.BuildBatchAsync(questions, answers));
        RunSummary allowed = await changed.BuildBatchAsync(questions, answers, new BatchOptions { AllowConfigChange = true });

        Assert.Equal(5, allowed.AlreadyProcessed);
    }

    [Fact]
    public async Task BuildBatchAsync_Progress_ReportsEndWithFinalSnapshotMatchingTheSummary()
    {
        using var dir = new TempDirectory();
        var reports = new List<PipelineProgress>();
        var progress = new SyncProgress(p => { lock (reports) { reports.Add(p); } });
        CotForgePipeline pipeline = PipelineFactory.Builder(dir.Path).Configure(o => o.ProgressInterval = TimeSpan.FromMilliseconds(10)).Build();
        var (questions, answers) = Pairs(50);

        RunSummary summary = await pipeline.BuildBatchAsync(questions, answers, progress: progress);

        PipelineProgress last = reports[^1];
        Assert.True(last.IsFinal);
        Assert.Single(reports, r => r.IsFinal);
        Assert.Equal(summary.RowsRead, last.RowsRead);
        Assert.Equal(summary.Succeeded, last.Succeeded);
        Assert.Equal(0, last.InFlight);
        Assert.Equal(0, last.Search.Total + last.Verify.Total + last.PostProcess.Total);
    }

    /// <summary>Reports on the calling thread (Progress&lt;T&gt; would post to the thread pool and race the asserts).</summary>
    private sealed class SyncProgress(Action<PipelineProgress> report) : IProgress<PipelineProgress>
    {
        public void Report(PipelineProgress value) => report(value);
    }
}
