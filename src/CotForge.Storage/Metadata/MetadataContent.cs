using System.Text.Json.Nodes;

namespace CotForge.Storage.Metadata;

/// <summary>The scalar part of metadata.json; the processed ids are streamed from the index.</summary>
internal sealed record MetadataContent(string DatasetName, string SearchName, long CompletedItems, long SuccessfulItems,
    DateTimeOffset LastUpdated, JsonObject CotForge);
