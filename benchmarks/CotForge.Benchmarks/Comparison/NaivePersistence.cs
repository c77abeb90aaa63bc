using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CotForge.Benchmarks.Comparison;

/// <summary>
/// Persistence done the naive way, as cot-forge's PersistenceManager does it: every saved item opens results.jsonl and
/// reasoning.jsonl in append mode, writes one line to each, closes them, then rewrites metadata.json whole with every
/// processed id so far. Nothing is fsync'ed. It is correct for small runs and quadratic for large ones: the point of
/// comparison for our single writer with group commit and a SQLite index.
/// </summary>
internal sealed class NaivePersistence
{
    private static readonly JsonWriterOptions Indented = new() { Indented = true };
    private readonly Lock _gate = new();
    private readonly string _results;
    private readonly string _reasoning;
    private readonly string _metadata;
    private readonly HashSet<string> _processedIds = new(StringComparer.Ordinal);
    private long _completed;
    private long _successful;

    public NaivePersistence(string directory)
    {
        Directory.CreateDirectory(directory);
        _results = Path.Combine(directory, "results.jsonl");
        _reasoning = Path.Combine(directory, "reasoning.jsonl");
        _metadata = Path.Combine(directory, "metadata.json");
        if (File.Exists(_metadata))
        {
            // The naive resume: the whole id list is read back from metadata.json into memory.
            using JsonDocument document = JsonDocument.Parse(File.ReadAllBytes(_metadata));
            _completed = document.RootElement.GetProperty("completed_items").GetInt64();
            _successful = document.RootElement.GetProperty("successful_items").GetInt64();
            foreach (JsonElement id in document.RootElement.GetProperty("processed_ids").EnumerateArray())
            {
                _processedIds.Add(id.GetString()!);
            }
        }
    }

    /// <summary>Bytes written to metadata.json over the run: what the per-item rewrite costs.</summary>
    public long MetadataBytesWritten { get; private set; }

    public bool ShouldSkip(string id)
    {
        lock (_gate)
        {
            return _processedIds.Contains(id);
        }
    }

    public void SaveResult(string id, string question, string groundTruth, bool success, DateTimeOffset timestamp, ReadOnlySpan<byte> resultJson, IReadOnlyList<JsonObject> chains)
    {
        lock (_gate)
        {
            using (var stream = new FileStream(_results, FileMode.Append, FileAccess.Write, FileShare.Read))
            using (var writer = new Utf8JsonWriter(stream))
            {
                writer.WriteStartObject();
                writer.WriteString("id", id);
                writer.WriteString("question", question);
                writer.WriteString("ground_truth", groundTruth);
                writer.WriteBoolean("success", success);
                writer.WriteString("timestamp", timestamp.ToString("O", CultureInfo.InvariantCulture));
                writer.WritePropertyName("result");
                writer.WriteRawValue(resultJson, skipInputValidation: true);
                writer.WriteEndObject();
                writer.Flush();
                stream.WriteByte((byte)'\n');
            }

            using (var stream = new FileStream(_reasoning, FileMode.Append, FileAccess.Write, FileShare.Read))
            using (var writer = new Utf8JsonWriter(stream))
            {
                writer.WriteStartObject();
                writer.WriteString("id", id);
                writer.WriteString("question", question);
                writer.WriteString("ground_truth", groundTruth);
                writer.WritePropertyName("chain_of_thought_responses");
                writer.WriteStartArray();
                foreach (JsonObject chain in chains)
                {
                    chain.WriteTo(writer);
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
                writer.Flush();
                stream.WriteByte((byte)'\n');
            }

            _processedIds.Add(id);
            _completed++;
            if (success)
            {
                _successful++;
            }

            RewriteMetadata(timestamp);
        }
    }

    private void RewriteMetadata(DateTimeOffset timestamp)
    {
        using var stream = new FileStream(_metadata, FileMode.Create, FileAccess.Write, FileShare.Read);
        using (var writer = new Utf8JsonWriter(stream, Indented))
        {
            writer.WriteStartObject();
            writer.WriteString("dataset_name", "bench");
            writer.WriteString("search_name", "naive");
            writer.WriteNumber("completed_items", _completed);
            writer.WriteNumber("successful_items", _successful);
            writer.WriteStartArray("processed_ids");
            foreach (string id in _processedIds)
            {
                writer.WriteStringValue(id);
            }

            writer.WriteEndArray();
            writer.WriteString("last_updated", timestamp.ToString("O", CultureInfo.InvariantCulture));
            writer.WriteEndObject();
        }

        MetadataBytesWritten += stream.Position;
    }
}
