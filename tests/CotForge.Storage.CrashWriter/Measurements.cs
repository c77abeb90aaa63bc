using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using CotForge.Core.Items;

namespace CotForge.Storage.CrashWriter;

/// <summary>
/// One-off measurements of the issue's targets, run in their own process: append throughput (group commit vs a
/// per-item metadata rewrite like cot-forge), batched lookups against a large index, open-for-resume time and
/// rebuild speed. Prints medians. The BenchmarkDotNet classes measure the same things more rigorously.
/// </summary>
internal static class Measurements
{
    private const int RecordBytes = 6000;

    public static async Task<int> RunAsync(string what, string workDirectory, int items)
    {
        Directory.CreateDirectory(workDirectory);
        switch (what)
        {
            case "append": await AppendAsync(workDirectory, items > 0 ? items : 50_000); break;
            case "baseline": Baseline(workDirectory, items > 0 ? items : 3_000); break;
            case "rebuild": await RebuildAsync(workDirectory, items > 0 ? items : 50_000); break;
            case "lookups": await LookupsAndOpenAsync(workDirectory, items > 0 ? items : 1_000_000); break;
            case "all":
                await AppendAsync(workDirectory, 50_000);
                Baseline(workDirectory, 3_000);
                await RebuildAsync(workDirectory, 50_000);
                await LookupsAndOpenAsync(workDirectory, items > 0 ? items : 1_000_000);
                break;
            default:
                await Console.Error.WriteLineAsync($"unknown measurement '{what}'");
                return 2;
        }

        return 0;
    }

    private static async Task AppendAsync(string work, int items)
    {
        var pool = ResultPool();
        var rates = new List<double>();
        var bandwidth = new List<double>();
        var cpuPerItem = new List<double>();
        for (int round = 0; round < 3; round++)
        {
            var location = DatasetLocation.Create(work, "append", $"round{round}");
            DeleteDirectory(location.DirectoryPath);
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var stopwatch = Stopwatch.StartNew();
            using (var manager = PersistenceManager.Open(location))
            {
                await using var writer = manager.OpenWriter();
                for (int i = 0; i < items; i++)
                {
                    var template = pool[i % pool.Count];
                    string question = $"append {i}";
                    await writer.AppendAsync(template with { Id = ItemId.Compute(question, template.GroundTruth), Question = question });
                }
            }

            stopwatch.Stop();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
            long bytes = new FileInfo(Path.Combine(location.DirectoryPath, "results.jsonl")).Length
                + new FileInfo(Path.Combine(location.DirectoryPath, "processed_results.jsonl")).Length;
            rates.Add(items / stopwatch.Elapsed.TotalSeconds);
            bandwidth.Add(bytes / 1e6 / stopwatch.Elapsed.TotalSeconds);
            cpuPerItem.Add(cpu.TotalMilliseconds * 1000 / items);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"append round {round}: {items} items ({bytes / 1e6:F0} MB) in {stopwatch.Elapsed.TotalSeconds:F2} s, process CPU {cpu.TotalSeconds:F2} s ({cpu.TotalMilliseconds * 1000 / items:F1} µs/item), load {LoadAverage()}"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"APPEND group commit (256 items / 50 ms, fsync per group), ~{RecordBytes / 1000} KB records: median {Median(rates):F0} items/s, {Median(bandwidth):F1} MB/s; CPU {Median(cpuPerItem):F1} µs/item (both threads together)"));
    }

    /// <summary>What cot-forge does per item: append both lines (open/append/close) and rewrite metadata.json with every id.</summary>
    private static void Baseline(string work, int items)
    {
        var pool = ResultPool();
        string directory = Path.Combine(work, "baseline");
        DeleteDirectory(directory);
        Directory.CreateDirectory(directory);
        var ids = new List<string>();
        var stopwatch = Stopwatch.StartNew();
        for (int i = 0; i < items; i++)
        {
            var template = pool[i % pool.Count];
            string id = ItemId.Compute($"baseline {i}", template.GroundTruth);
            File.AppendAllText(Path.Combine(directory, "results.jsonl"), $"{{\"id\": \"{id}\", \"result\": {Encoding.UTF8.GetString(template.ResultJson.Span)}}}\n");
            File.AppendAllText(Path.Combine(directory, "reasoning.jsonl"), $"{{\"id\": \"{id}\", \"chain_of_thought_responses\": []}}\n");
            ids.Add(id);
            File.WriteAllText(Path.Combine(directory, "metadata.json"), JsonSerializer.Serialize(new { completed_items = ids.Count, processed_ids = ids }, new JsonSerializerOptions { WriteIndented = true }));
        }

        stopwatch.Stop();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"BASELINE per-item metadata rewrite (cot-forge style, no fsync): {items} items in {stopwatch.Elapsed.TotalSeconds:F2} s = {items / stopwatch.Elapsed.TotalSeconds:F0} items/s"));
    }

    private static async Task RebuildAsync(string work, int items)
    {
        var location = DatasetLocation.Create(work, "append", "round0");
        if (!File.Exists(Path.Combine(location.DirectoryPath, "results.jsonl")))
        {
            await AppendAsync(work, items);
        }

        using var manager = PersistenceManager.Open(location);
        long bytes = new FileInfo(Path.Combine(location.DirectoryPath, "results.jsonl")).Length
            + new FileInfo(Path.Combine(location.DirectoryPath, "processed_results.jsonl")).Length;
        var rates = new List<double>();
        var cpuRates = new List<double>();
        for (int round = 0; round < 3; round++)
        {
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var stopwatch = Stopwatch.StartNew();
            manager.Reindex();
            stopwatch.Stop();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
            rates.Add(bytes / 1e6 / stopwatch.Elapsed.TotalSeconds);
            cpuRates.Add(bytes / 1e6 / cpu.TotalSeconds);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"rebuild round {round}: {bytes / 1e6:F0} MB in {stopwatch.Elapsed.TotalSeconds:F2} s, process CPU {cpu.TotalSeconds:F2} s, load {LoadAverage()}"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"REBUILD from JSONL ({manager.GetStatus().CompletedItems} items, {bytes / 1e6:F0} MB): median {Median(rates):F0} MB/s wall, {Median(cpuRates):F0} MB per CPU-second"));
    }

    private static async Task LookupsAndOpenAsync(string work, int items)
    {
        var location = DatasetLocation.Create(work, "large", "naive_linear_search");
        var small = SyntheticItems.Create("template", "1", true, 200, DateTimeOffset.UtcNow);
        using (var manager = PersistenceManager.Open(location))
        {
            long existing = manager.GetStatus().CompletedItems;
            if (existing < items)
            {
                var stopwatch = Stopwatch.StartNew();
                await using var writer = manager.OpenWriter(new WriterOptions { GroupCommitItems = 8192, QueueCapacity = 16384, Durability = DurabilityLevel.Flush });
                for (long i = existing; i < items; i++)
                {
                    string question = $"large {i}";
                    await writer.AppendAsync(small with { Id = ItemId.Compute(question, "1"), Question = question });
                }

                await writer.DisposeAsync();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"built {items} small items in {stopwatch.Elapsed.TotalSeconds:F1} s"));
            }
        }

        var opens = new List<double>();
        for (int round = 0; round < 5; round++)
        {
            var stopwatch = Stopwatch.StartNew();
            using var manager = PersistenceManager.Open(location);
            stopwatch.Stop();
            if (manager.LastRecovery.LinesIndexed != 0 || manager.LastRecovery.Rebuilt)
            {
                throw new InvalidOperationException("open scanned JSONL");
            }

            opens.Add(stopwatch.Elapsed.TotalMilliseconds);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"OPEN for resume ({items} items, current index, no JSONL scan): median {Median(opens):F1} ms (runs: {string.Join(", ", opens.Select(o => o.ToString("F1", CultureInfo.InvariantCulture)))}), load {LoadAverage()}"));

        using (var manager = PersistenceManager.Open(location))
        {
            var random = new Random(1);
            const int queryCount = 200_000;
            var query = new List<string>(queryCount);
            for (int i = 0; i < queryCount; i++)
            {
                // Half present, half unknown: what the dedupe stage sees on a resume.
                query.Add(i % 2 == 0 ? ItemId.Compute($"large {random.Next(items)}", "1") : ItemId.Compute($"absent {i}", "1"));
            }

            int expected = query.Where((_, i) => i % 2 == 0).Distinct().Count();
            var rates = new List<double>();
            var cpuRates = new List<double>();
            for (int round = 0; round < 5; round++)
            {
                var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
                var stopwatch = Stopwatch.StartNew();
                var found = manager.FindProcessed(query);
                stopwatch.Stop();
                rates.Add(queryCount / stopwatch.Elapsed.TotalSeconds);
                cpuRates.Add(queryCount / (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"lookup round {round}: {queryCount} ids in {stopwatch.Elapsed.TotalMilliseconds:F0} ms ({rates[^1]:F0} ids/s), in-memory copy active: {manager.LookupCacheActive}"));
                if (found.Count != expected)
                {
                    throw new InvalidOperationException($"lookup found {found.Count} ids, expected {expected}");
                }
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"LOOKUPS batched (FindProcessed, 1,000 ids per query) against {items} items: median {Median(rates):F0} ids/s wall, {Median(cpuRates):F0} ids per CPU-second, load {LoadAverage()}"));
        }
    }

    private static List<CompletedItem> ResultPool()
    {
        var now = DateTimeOffset.UtcNow;
        return Enumerable.Range(0, 64)
            .Select(i => SyntheticItems.Create($"pool {i}", i.ToString(CultureInfo.InvariantCulture), i % 5 != 0, RecordBytes - 600, now))
            .ToList();
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static void DeleteDirectory(string path)
    {
        if (Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
        }
    }
}
