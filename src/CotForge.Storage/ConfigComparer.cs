using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CotForge.Storage;

/// <summary>
/// Compares two run configurations key by key, ignoring keys that change on every run and the top-level
/// <see cref="OperationalKey"/> section.
/// </summary>
internal static class ConfigComparer
{
    /// <summary>
    /// The top-level section for settings that pace or limit a run without changing what it concludes (budgets,
    /// prices, the simulated provider's latency and faults). They may differ between the runs of one dataset.
    /// </summary>
    public const string OperationalKey = "operational";

    /// <summary>Keys that describe when, not how, a run was configured; ignored at any depth.</summary>
    public static readonly IReadOnlySet<string> VolatileKeys = new HashSet<string>(StringComparer.Ordinal)
    {
        "created_at", "updated_at", "last_updated", "started_at",
    };

    private const int MaxShownValue = 160;

    public static IReadOnlyList<ConfigDifference> Compare(JsonNode? stored, JsonNode? current)
    {
        var differences = new List<ConfigDifference>();
        Walk(string.Empty, stored, current, differences);
        return differences;
    }

    /// <summary>True when the <see cref="OperationalKey"/> sections of the two configurations differ.</summary>
    public static bool OperationalDiffers(JsonObject stored, JsonObject current) =>
        !JsonNode.DeepEquals(stored[OperationalKey], current[OperationalKey]);

    public static string Show(JsonNode? node)
    {
        string text = node is null ? "null" : node.ToJsonString();
        return text.Length <= MaxShownValue ? text : string.Concat(text.AsSpan(0, MaxShownValue), "…");
    }

    private static void Walk(string path, JsonNode? stored, JsonNode? current, List<ConfigDifference> differences)
    {
        if (stored is JsonObject storedObject && current is JsonObject currentObject)
        {
            var keys = storedObject.Select(p => p.Key).Union(currentObject.Select(p => p.Key), StringComparer.Ordinal)
                .Where(k => !VolatileKeys.Contains(k) && !(path.Length == 0 && k == OperationalKey))
                .Order(StringComparer.Ordinal);
            foreach (string key in keys)
            {
                string child = path.Length == 0 ? key : path + "." + key;
                bool inStored = storedObject.TryGetPropertyValue(key, out var s);
                bool inCurrent = currentObject.TryGetPropertyValue(key, out var c);
                if (!inStored)
                {
                    differences.Add(new ConfigDifference(child, null, Show(c)));
                }
                else if (!inCurrent)
                {
                    differences.Add(new ConfigDifference(child, Show(s), null));
                }
                else
                {
                    Walk(child, s, c, differences);
                }
            }

            return;
        }

        if (stored is JsonArray storedArray && current is JsonArray currentArray && storedArray.Count == currentArray.Count)
        {
            for (int i = 0; i < storedArray.Count; i++)
            {
                Walk(string.Create(CultureInfo.InvariantCulture, $"{path}[{i}]"), storedArray[i], currentArray[i], differences);
            }

            return;
        }

        if (!ValuesEqual(stored, current))
        {
            differences.Add(new ConfigDifference(path.Length == 0 ? "(root)" : path, Show(stored), Show(current)));
        }
    }

    private static bool ValuesEqual(JsonNode? a, JsonNode? b)
    {
        if (a is JsonValue va && b is JsonValue vb
            && va.GetValueKind() == JsonValueKind.Number && vb.GetValueKind() == JsonValueKind.Number)
        {
            // 3 and 3.0 are the same setting, whichever serializer wrote them.
            return decimal.TryParse(va.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var da)
                && decimal.TryParse(vb.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var db)
                ? da == db
                : va.ToJsonString() == vb.ToJsonString();
        }

        return JsonNode.DeepEquals(a, b);
    }
}
