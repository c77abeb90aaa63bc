using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using CotForge.Storage;

namespace CotForge.Benchmarks.Storage;

/// <summary>
/// Append throughput of ~6 KB records: our single writer with group commit (fsync per group) against what cot-forge
/// does per item (append both lines, then rewrite metadata.json with every processed id). One operation writes
/// <see cref="Items"/> items (items/s = Items / Mean; MB/s = Items × 6.3 KB / Mean). The baseline is quadratic, so it
/// writes at most 5,000 items: at larger sizes compare per-item times, not the Ratio column.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class StorageAppendBenchmark
{
    private IReadOnlyList<CompletedItem> _pool = [];
    private string? _work;

    public static IEnumerable<int> Sizes => StorageBenchmarkData.Large ? [2_000, 50_000] : [2_000];

    [ParamsSource(nameof(Sizes))]
    public int Items { get; set; }

    [GlobalSetup]
    public void Setup() => _pool = StorageBenchmarkData.Pool();

    [IterationSetup]
    public void NewDirectory() => _work = StorageBenchmarkData.NewWorkDirectory("append");

    [IterationCleanup]
    public void DeleteDirectory() => StorageBenchmarkData.Delete(_work);

    [Benchmark(Baseline = true, Description = "per-item metadata rewrite (cot-forge)")]
    public void PerItemMetadataRewrite()
    {
        // Bounded so the quadratic baseline does not run for minutes at the large size.
        int items = Math.Min(Items, 5_000);
        var ids = new List<string>(items);
        for (int i = 0; i < items; i++)
        {
            var item = StorageBenchmarkData.Vary(_pool, "naive", i);
            File.AppendAllText(Path.Combine(_work!, "results.jsonl"), $"{{\"id\": \"{item.Id}\", \"result\": {Encoding.UTF8.GetString(item.ResultJson.Span)}}}\n");
            File.AppendAllText(Path.Combine(_work!, "reasoning.jsonl"), $"{{\"id\": \"{item.Id}\", \"chain_of_thought_responses\": []}}\n");
            ids.Add(item.Id);
            File.WriteAllText(Path.Combine(_work!, "metadata.json"), JsonSerializer.Serialize(new { completed_items = ids.Count, processed_ids = ids }));
        }
    }

    [Benchmark(Description = "group commit, fsync per group")]
    public async Task GroupCommit()
    {
        using var manager = PersistenceManager.Open(DatasetLocation.Create(_work!, "bench", "naive_linear_search"));
        await using var writer = manager.OpenWriter();
        for (int i = 0; i < Items; i++)
        {
            await writer.AppendAsync(StorageBenchmarkData.Vary(_pool, "append", i));
        }
    }
}
