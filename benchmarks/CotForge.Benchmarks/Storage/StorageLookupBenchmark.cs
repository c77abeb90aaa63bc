using BenchmarkDotNet.Attributes;
using CotForge.Core.Items;
using CotForge.Storage;

namespace CotForge.Benchmarks.Storage;

/// <summary>
/// Membership lookups for dedupe against a large index: 10,000 ids per operation, half of them present. Per-id
/// queries are the baseline; batched SQLite queries and the in-memory copy of the ids are what FindProcessed does.
/// Operations are ids (so ids/s = 1 / time).
/// </summary>
[MemoryDiagnoser]
public class StorageLookupBenchmark
{
    private const int QueryIds = 10_000;
    private string? _work;
    private PersistenceManager? _sqliteOnly;
    private PersistenceManager? _cached;
    private List<string> _query = [];

    public static IEnumerable<int> Sizes => StorageBenchmarkData.Large ? [10_000, 1_000_000] : [10_000];

    [ParamsSource(nameof(Sizes))]
    public int IndexedItems { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _work = StorageBenchmarkData.NewWorkDirectory("lookup");
        var location = StorageBenchmarkData.Build(_work, IndexedItems, resultBytes: 200);
        var random = new Random(42);
        var pool = StorageBenchmarkData.Pool(200);
        _query = Enumerable.Range(0, QueryIds)
            .Select(i => i % 2 == 0 ? StorageBenchmarkData.Vary(pool, "item", random.Next(IndexedItems)).Id : ItemId.Compute($"absent {i}", "x"))
            .ToList();
        _sqliteOnly = PersistenceManager.Open(location, new PersistenceOptions { LookupCacheMaxItems = 0 });
        _cached = PersistenceManager.Open(location);

        // Look up enough ids once that the manager decides the in-memory copy pays off.
        _cached.FindProcessed(Enumerable.Range(0, (IndexedItems / 4) + 1).Select(i => ItemId.Compute($"warm {i}", "x")).ToList());
        if (!_cached.LookupCacheActive)
        {
            throw new InvalidOperationException("the in-memory id copy was not built");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _sqliteOnly?.Dispose();
        _cached?.Dispose();
        StorageBenchmarkData.Delete(_work);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = QueryIds, Description = "one query per id")]
    public int PerId()
    {
        int found = 0;
        foreach (string id in _query)
        {
            found += _sqliteOnly!.IsProcessed(id) ? 1 : 0;
        }

        return found;
    }

    [Benchmark(OperationsPerInvoke = QueryIds, Description = "batched SQLite (1,000 per query)")]
    public int BatchedSqlite() => _sqliteOnly!.FindProcessed(_query).Count;

    [Benchmark(OperationsPerInvoke = QueryIds, Description = "in-memory id copy")]
    public int InMemoryCopy() => _cached!.FindProcessed(_query).Count;
}
