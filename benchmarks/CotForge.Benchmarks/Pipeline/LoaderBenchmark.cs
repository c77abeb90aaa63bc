using BenchmarkDotNet.Attributes;
using CotForge.Benchmarks.EndToEnd;
using CotForge.Pipeline.Load;

namespace CotForge.Benchmarks.Pipeline;

/// <summary>Loader throughput: rows/s and MB/s follow from the mean time, the row count and the file sizes printed at setup.</summary>
[MemoryDiagnoser]
public class LoaderBenchmark
{
    private string _root = string.Empty;
    private string _jsonl = string.Empty;
    private string _csv = string.Empty;

    [Params(100_000)]
    public int Rows { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _root = Workload.NewScratchDirectory("loader");
        _jsonl = Workload.WriteJsonl(_root, Rows);
        _csv = Workload.WriteCsv(_root, Rows);
        Console.WriteLine($"// JSONL {new FileInfo(_jsonl).Length / 1e6:F1} MB, CSV {new FileInfo(_csv).Length / 1e6:F1} MB");
    }

    [Benchmark(Baseline = true)]
    public Task<long> Jsonl() => CountAsync(_jsonl);

    [Benchmark]
    public Task<long> Csv() => CountAsync(_csv);

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_root, recursive: true);

    private static async Task<long> CountAsync(string path)
    {
        long rows = 0;
        await foreach (InputRow row in InputLoader.ReadAsync(path))
        {
            rows += row.Question.Length > 0 ? 1 : 0;
        }

        return rows;
    }
}
