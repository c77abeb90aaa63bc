using System.Text.Json.Nodes;
using CotForge.Storage.Index;
using CotForge.Storage.Layout;
using Dapper;

namespace CotForge.Storage.Metadata;

/// <summary>Writes metadata.json from the index (counts and the processed ids, streamed, never held in memory).</summary>
internal static class MetadataCheckpoint
{
    private const string SelectItemIds = "SELECT id FROM items;";
    private const string SelectLegacyOnlyIds = "SELECT l.id FROM legacy_ids l WHERE NOT EXISTS (SELECT 1 FROM items i WHERE i.id = l.id);";

    public static void Write(IndexStore store, DatasetFiles files, DatasetLocation location, DateTimeOffset now, bool durable, string? excludedId = null)
    {
        var counters = store.ReadCounters();
        long legacy = store.Scalar(IndexSql.CountLegacyOnly);
        long failed = store.Scalar(IndexSql.CountFailed);
        var cotforge = new JsonObject
        {
            ["format_version"] = 1,
            ["processed_file"] = files.ProcessedFileName,
            ["failed_items"] = failed,
            ["rejected_rows"] = counters.GetValueOrDefault(IndexCounters.Rejects),
            [MetadataFile.LegacyCountKey] = legacy,
        };
        if (store.GetMeta(IndexSynchronizer.RunInfoKey) is { } runInfo && JsonNode.Parse(runInfo) is JsonObject run)
        {
            cotforge["run_info"] = run;
        }

        long completed = counters.GetValueOrDefault(IndexCounters.Completed) + legacy;
        long succeeded = counters.GetValueOrDefault(IndexCounters.Succeeded);
        if (excludedId is not null && store.ReadItem(excludedId) is { } excluded)
        {
            completed--;
            succeeded -= excluded.Succeeded ? 1 : 0;
        }

        var content = new MetadataContent(location.DatasetName, location.SearchName, completed, succeeded, now, cotforge);
        var ids = StreamIds(store);
        MetadataFile.Write(files.Metadata, content, excludedId is null ? ids : ids.Where(id => id != excludedId), durable);
        IndexSynchronizer.RecordMetadataWritten(store, files.Metadata);
    }

    private static IEnumerable<string> StreamIds(IndexStore store)
    {
        foreach (string id in store.Connection.Query<string>(new CommandDefinition(SelectItemIds, flags: CommandFlags.None)))
        {
            yield return id;
        }

        foreach (string id in store.Connection.Query<string>(new CommandDefinition(SelectLegacyOnlyIds, flags: CommandFlags.None)))
        {
            yield return id;
        }
    }
}
