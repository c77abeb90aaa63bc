using System.Text.Json;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using CotForge.Storage;

namespace CotForge.Benchmarks.Storage;

/// <summary>
/// Rebuilding the index from the JSONL files (~6 KB records), against parsing every line into a document the way a
/// whole-file load does. MB/s = (results + processed bytes) / time; the sizes are printed by the setup.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class StorageRebuildBenchmark
{
    private string? _work;
    private PersistenceManager? _manager;
    private string _results = string.Empty;

    public static IEnumerable<int> Sizes => StorageBenchmarkData.Large ? [2_000, 50_000] : [2_000];

    [ParamsSource(nameof(Sizes))]
    public int Items { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _work = StorageBenchmarkData.NewWorkDirectory("rebuild");
        var location = StorageBenchmarkData.Build(_work, Items, StorageBenchmarkData.RecordBytes - 600);
        _results = Path.Combine(location.DirectoryPath, "results.jsonl");
        long bytes = new FileInfo(_results).Length + new FileInfo(Path.Combine(location.DirectoryPath, "processed_results.jsonl")).Length;
        Console.WriteLine($"// rebuild input: {Items} items, {bytes / 1e6:F1} MB of JSONL");
        _manager = PersistenceManager.Open(location);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _manager?.Dispose();
        StorageBenchmarkData.Delete(_work);
    }

    [Benchmark(Baseline = true, Description = "parse every results line into a document")]
    public int ParseEveryLine()
    {
        int count = 0;
        foreach (string line in File.ReadLines(_results))
        {
            using var document = JsonDocument.Parse(line);
            count += document.RootElement.GetProperty("id").GetString()!.Length > 0 ? 1 : 0;
        }

        return count;
    }

    [Benchmark(Description = "Reindex (results + processed)")]
    public void Reindex() => _manager!.Reindex();
}
