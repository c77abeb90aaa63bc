using System.Text.Json;
using System.Text.Json.Nodes;
using CotForge.Storage.Jsonl;

namespace CotForge.Storage.Metadata;

/// <summary>
/// metadata.json: cot-forge's progress file (<c>dataset_name, search_name, completed_items, successful_items,
/// processed_ids, last_updated</c>) plus our <c>cotforge</c> object. We never rely on it (the JSONL files and the index
/// are the truth); we keep it readable by cot-forge, write it atomically at checkpoints, and read its
/// <c>processed_ids</c> only for ids that have no results line (a cot-forge directory may record processed ids only
/// there).
/// </summary>
internal static class MetadataFile
{
    public const string CotForgeKey = "cotforge";
    public const string LegacyCountKey = "legacy_processed_ids";

    private const int FlushThreshold = 32 * 1024;

    /// <summary>A cheap identity of the file (length and modification time) to notice when it changed.</summary>
    public static string Fingerprint(string path)
    {
        var info = new FileInfo(path);
        return info.Exists ? $"{info.Length}:{info.LastWriteTimeUtc.Ticks}" : "absent";
    }

    /// <summary>
    /// The processed ids the file lists, when it may list ids without results lines: always for a file written by
    /// cot-forge, and for ours only when it recorded legacy ids. An empty or damaged file (cot-forge can leave one after
    /// a crash) yields nothing.
    /// </summary>
    public static IReadOnlyList<string> ReadLegacyCandidates(string path)
    {
        byte[] bytes;
        try
        {
            if (!File.Exists(path))
            {
                return [];
            }

            bytes = File.ReadAllBytes(path);
        }
        catch (IOException)
        {
            return [];
        }

        var ids = new List<string>();
        bool ours = false;
        long legacyCount = -1;
        try
        {
            var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { AllowTrailingCommas = true });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return [];
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("processed_ids"u8))
                {
                    reader.Read();
                    if (reader.TokenType != JsonTokenType.StartArray)
                    {
                        reader.Skip();
                        continue;
                    }

                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    {
                        if (reader.TokenType == JsonTokenType.String && reader.GetString() is { Length: > 0 } id)
                        {
                            ids.Add(id);
                        }
                        else
                        {
                            reader.Skip();
                        }
                    }
                }
                else if (reader.ValueTextEquals(CotForgeKey))
                {
                    ours = true;
                    reader.Read();
                    if (reader.TokenType != JsonTokenType.StartObject)
                    {
                        reader.Skip();
                        continue;
                    }

                    while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                    {
                        bool isCount = reader.ValueTextEquals(LegacyCountKey);
                        reader.Read();
                        if (isCount && reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out long n))
                        {
                            legacyCount = n;
                        }
                        else
                        {
                            reader.Skip();
                        }
                    }
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }
        }
        catch (JsonException)
        {
            return [];
        }

        return ours && legacyCount == 0 ? [] : ids;
    }

    /// <summary>Reads the whole file as a JSON object, or null when it is missing or unreadable.</summary>
    public static JsonObject? TryRead(string path)
    {
        try
        {
            return File.Exists(path) ? JsonNode.Parse(File.ReadAllBytes(path)) as JsonObject : null;
        }
        catch (Exception e) when (e is IOException or JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// Writes the file atomically: a temporary file in the same directory, flushed (and fsync'ed when
    /// <paramref name="durable"/>), then renamed over the old one, so a crash leaves either the old or the new file.
    /// </summary>
    public static void Write(string path, MetadataContent content, IEnumerable<string> processedIds, bool durable)
    {
        string temp = path + ".tmp";
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
        {
            using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, IndentSize = 2 }))
            {
                writer.WriteStartObject();
                writer.WriteString("dataset_name", content.DatasetName);
                writer.WriteString("search_name", content.SearchName);
                writer.WriteNumber("completed_items", content.CompletedItems);
                writer.WriteNumber("successful_items", content.SuccessfulItems);
                writer.WriteStartArray("processed_ids");
                foreach (string id in processedIds)
                {
                    writer.WriteStringValue(id);
                    if (writer.BytesPending >= FlushThreshold)
                    {
                        // A Utf8JsonWriter over a stream buffers everything until Flush: without this, a million ids
                        // grew one ~40 MB buffer by doubling at every checkpoint, all of it large-object garbage.
                        writer.Flush();
                    }
                }

                writer.WriteEndArray();
                writer.WriteString("last_updated", PythonIsoFormat.Format(content.LastUpdated));
                writer.WritePropertyName(CotForgeKey);
                content.CotForge.WriteTo(writer);
                writer.WriteEndObject();
            }

            stream.Flush(flushToDisk: durable);
        }

        File.Move(temp, path, overwrite: true);
    }
}
