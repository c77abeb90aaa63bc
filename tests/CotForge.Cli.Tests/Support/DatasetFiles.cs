using System.Text.Json;

namespace CotForge.Cli.Tests.Support;

/// <summary>Reads a dataset directory's JSONL files the way a person inspecting them would: line by line.</summary>
internal static class DatasetFiles
{
    public static string Dir(string baseDir, string dataset, string search = "naive_linear_search") => Path.Combine(baseDir, dataset, search);

    public static IReadOnlyList<JsonElement> Lines(string path) => !File.Exists(path)
        ? []
        : [.. File.ReadLines(path).Where(l => l.Length > 0).Select(l => JsonDocument.Parse(l).RootElement.Clone())];

    public static IReadOnlyList<string> Ids(string path) => [.. Lines(path).Select(l => l.GetProperty("id").GetString()!)];
}
