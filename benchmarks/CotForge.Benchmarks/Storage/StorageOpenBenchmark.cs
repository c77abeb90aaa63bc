using System.Text.Json;
using BenchmarkDotNet.Attributes;
using CotForge.Storage;

namespace CotForge.Benchmarks.Storage;

/// <summary>
/// Open-for-resume of a directory whose index is current (no JSONL scan), against what cot-forge does to resume:
/// load every processed id from metadata.json into a set.
/// </summary>
[MemoryDiagnoser]
public class StorageOpenBenchmark
{
    private string? _work;
    private DatasetLocation? _location;

    public static IEnumerable<int> Sizes => StorageBenchmarkData.Large ? [10_000, 1_000_000] : [10_000];

    [ParamsSource(nameof(Sizes))]
    public int Items { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _work = StorageBenchmarkData.NewWorkDirectory("open");
        _location = StorageBenchmarkData.Build(_work, Items, resultBytes: 200);
    }

    [GlobalCleanup]
    public void Cleanup() => StorageBenchmarkData.Delete(_work);

    [Benchmark(Baseline = true, Description = "load processed_ids from metadata.json (cot-forge)")]
    public int LoadMetadataIds()
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(_location!.DirectoryPath, "metadata.json")));
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var id in document.RootElement.GetProperty("processed_ids").EnumerateArray())
        {
            ids.Add(id.GetString()!);
        }

        return ids.Count;
    }

    [Benchmark(Description = "PersistenceManager.Open (current index)")]
    public long Open()
    {
        using var manager = PersistenceManager.Open(_location!);
        if (manager.LastRecovery.LinesIndexed != 0)
        {
            throw new InvalidOperationException("open scanned JSONL");
        }

        return manager.GetStatus().CompletedItems;
    }
}
