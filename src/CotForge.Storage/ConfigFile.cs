using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CotForge.Storage.Jsonl;

namespace CotForge.Storage;

/// <summary>
/// config.json: written by the first run; a resume must match it (or say explicitly that it may differ). Its
/// <c>operational</c> section (budgets, prices, simulated latency and faults) is not compared: a resume rewrites it
/// with its own values and keeps the rest, <c>created_at</c> included.
/// </summary>
internal static class ConfigFile
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, IndentSize = 2 };

    public static JsonObject? TryRead(string path)
    {
        try
        {
            return File.Exists(path) ? JsonNode.Parse(File.ReadAllBytes(path)) as JsonObject : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static void Ensure(string path, DatasetLocation location, JsonObject config, bool allowChange, DateTimeOffset now, bool durable)
    {
        var wanted = (JsonObject)config.DeepClone();
        wanted["created_at"] ??= PythonIsoFormat.Format(now);
        wanted["dataset_name"] ??= location.DatasetName;
        wanted["search_name"] ??= location.SearchName;

        if (!File.Exists(path) || new FileInfo(path).Length == 0)
        {
            Write(path, wanted, durable);
            return;
        }

        var stored = TryRead(path);
        if (stored is null)
        {
            // An unreadable config cannot be compared; keep it for inspection rather than overwrite it silently.
            File.Move(path, ArchivePath(path, "damaged", now), overwrite: false);
            Write(path, wanted, durable);
            return;
        }

        var differences = ConfigComparer.Compare(stored, wanted);
        if (differences.Count == 0)
        {
            if (ConfigComparer.OperationalDiffers(stored, wanted))
            {
                // Only pacing or limits changed: the file describes this run's, under the first run's creation time.
                if (stored["created_at"] is { } created)
                {
                    wanted["created_at"] = created.DeepClone();
                }

                Write(path, wanted, durable);
            }

            return;
        }

        if (!allowChange)
        {
            throw new ConfigMismatchException(Describe(path, differences), differences);
        }

        // Accepted change: the new configuration describes the items written from now on; the old one is kept beside it.
        File.Copy(path, ArchivePath(path, "previous", now), overwrite: false);
        Write(path, wanted, durable);
    }

    public static string Describe(string path, IReadOnlyList<ConfigDifference> differences)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"The run configuration differs from the one this dataset was started with ({path}):");
        text.AppendLine();
        foreach (var d in differences)
        {
            text.Append(CultureInfo.InvariantCulture, $"  {d.Path}: {d.OldValue ?? "(absent)"} → {d.NewValue ?? "(absent)"}");
            text.AppendLine();
        }

        text.AppendLine("Resuming would mix items produced with different settings in one dataset. To proceed, either");
        text.AppendLine("  - start this dataset over with --overwrite (deletes its existing results),");
        text.AppendLine("  - write to a new dataset with --dataset <new-name>, or");
        text.Append("  - keep the existing results and continue with the new configuration with --allow-config-change.");
        return text.ToString();
    }

    private static void Write(string path, JsonObject config, bool durable)
    {
        string temp = path + ".tmp";
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            JsonSerializer.Serialize(stream, config, Indented);
            stream.Flush(flushToDisk: durable);
        }

        File.Move(temp, path, overwrite: true);
    }

    private static string ArchivePath(string path, string label, DateTimeOffset now)
    {
        string directory = Path.GetDirectoryName(path)!;
        string stamp = now.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        string candidate = Path.Combine(directory, $"config.{label}-{stamp}.json");
        for (int n = 2; File.Exists(candidate); n++)
        {
            candidate = Path.Combine(directory, $"config.{label}-{stamp}-{n}.json");
        }

        return candidate;
    }
}
