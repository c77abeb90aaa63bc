using System.Text.Json;
using System.Text.Json.Nodes;

namespace CotForge.Core.Reasoning;

/// <content>Reading: strict about shape, with messages that name the node and key at fault.</content>
public static partial class SearchTreeSerializer
{
    /// <summary>Reads a tree written by <see cref="Write"/> or by cot-forge.</summary>
    /// <exception cref="SearchTreeFormatException">The element does not have the SPEC §4 shape; the message names the key and node.</exception>
    public static SearchResult Deserialize(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new SearchTreeFormatException($"A search tree must be a JSON object; was {element.ValueKind}.", key: null);
        }

        var adjacency = Required(element, "adjacency_list", JsonValueKind.Array, null);
        var nodeMap = Required(element, "node_map", JsonValueKind.Object, null);
        string question = RequiredString(element, "question", null);
        string groundTruth = RequiredString(element, "ground_truth_answer", null);
        bool success = RequiredBool(element, "success", null);
        var metadata = OptionalObject(element, "metadata", null);

        var raw = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in nodeMap.EnumerateObject())
        {
            if (!raw.TryAdd(property.Name, property.Value))
            {
                throw new SearchTreeFormatException($"node_map lists node '{property.Name}' twice.", property.Name, "node_map");
            }
        }

        var parentOf = new Dictionary<string, string?>(StringComparer.Ordinal);
        var childrenOf = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var rootIds = new List<string>();
        int index = 0;
        foreach (var edge in adjacency.EnumerateArray())
        {
            if (edge.ValueKind != JsonValueKind.Array || edge.GetArrayLength() != 2)
            {
                throw new SearchTreeFormatException(
                    $"adjacency_list[{index}] must be a pair [parent_id|null, child_id]; was {Describe(edge)}.", key: "adjacency_list");
            }

            var parentElement = edge[0];
            var childElement = edge[1];
            if (childElement.ValueKind != JsonValueKind.String)
            {
                throw new SearchTreeFormatException(
                    $"adjacency_list[{index}]: the child id must be a string; was {childElement.ValueKind}.", key: "adjacency_list");
            }

            string childId = childElement.GetString()!;
            string? parentId = parentElement.ValueKind switch
            {
                JsonValueKind.Null => null,
                JsonValueKind.String => parentElement.GetString(),
                _ => throw new SearchTreeFormatException(
                    $"adjacency_list[{index}]: the parent of node '{childId}' must be a string or null; was {parentElement.ValueKind}.",
                    childId,
                    "adjacency_list"),
            };
            if (!raw.ContainsKey(childId))
            {
                throw new SearchTreeFormatException(
                    $"adjacency_list[{index}] names node '{childId}', which is missing from node_map.", childId, "adjacency_list");
            }

            if (parentId is not null && !raw.ContainsKey(parentId))
            {
                throw new SearchTreeFormatException(
                    $"adjacency_list[{index}] gives node '{childId}' the parent '{parentId}', which is missing from node_map.",
                    childId,
                    "adjacency_list");
            }

            if (!parentOf.TryAdd(childId, parentId))
            {
                throw new SearchTreeFormatException(
                    $"adjacency_list lists node '{childId}' more than once; a tree node has exactly one parent.", childId, "adjacency_list");
            }

            if (parentId is null)
            {
                rootIds.Add(childId);
            }
            else
            {
                if (!childrenOf.TryGetValue(parentId, out var list))
                {
                    childrenOf[parentId] = list = [];
                }

                list.Add(childId);
            }

            index++;
        }

        foreach (string id in raw.Keys)
        {
            if (!parentOf.ContainsKey(id))
            {
                throw new SearchTreeFormatException(
                    $"node '{id}' is in node_map but not in adjacency_list; add [parent_id|null, \"{id}\"] or remove the node.", id, "adjacency_list");
            }
        }

        var built = new Dictionary<string, ReasoningNode>(StringComparer.Ordinal);
        var roots = new List<ReasoningNode>();
        var queue = new Queue<(string Id, ReasoningNode? Parent)>();
        foreach (string rootId in rootIds)
        {
            queue.Enqueue((rootId, null));
        }

        var terminal = new List<ReasoningNode>();
        while (queue.Count > 0)
        {
            var (id, parent) = queue.Dequeue();
            var node = ReadNode(id, raw[id], parent);
            built[id] = node;
            if (parent is null)
            {
                roots.Add(node);
            }

            if (node.IsFinal)
            {
                terminal.Add(node);
            }

            if (childrenOf.TryGetValue(id, out var children))
            {
                foreach (string child in children)
                {
                    queue.Enqueue((child, node));
                }
            }
        }

        if (built.Count != raw.Count)
        {
            string orphan = raw.Keys.First(id => !built.ContainsKey(id));
            throw new SearchTreeFormatException(
                $"node '{orphan}' cannot be reached from any root (adjacency_list has a cycle); every chain must start at a [null, id] entry.",
                orphan,
                "adjacency_list");
        }

        return new SearchResult(question, groundTruth, success, terminal, metadata, roots);
    }

    /// <summary>Parses UTF-8 JSON text and reads the tree from it.</summary>
    /// <exception cref="SearchTreeFormatException">The text is not JSON or not a search tree.</exception>
    public static SearchResult Deserialize(ReadOnlySpan<byte> utf8Json)
    {
        JsonDocument document;
        try
        {
            var reader = new Utf8JsonReader(utf8Json);
            document = JsonDocument.ParseValue(ref reader);
        }
        catch (JsonException ex)
        {
            throw new SearchTreeFormatException($"A search tree must be valid JSON: {ex.Message}", ex);
        }

        using (document)
        {
            return Deserialize(document.RootElement);
        }
    }

    private static ReasoningNode ReadNode(string key, JsonElement element, ReasoningNode? parent)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new SearchTreeFormatException($"node_map['{key}'] must be an object; was {element.ValueKind}.", key, "node_map");
        }

        foreach (var property in element.EnumerateObject())
        {
            if (!NodeKeys.Contains(property.Name))
            {
                throw new SearchTreeFormatException(
                    $"node '{key}' has the unknown key '{property.Name}'; a node carries exactly {string.Join(", ", NodeKeys)} (put anything else inside metadata).",
                    key,
                    property.Name);
            }
        }

        string id = RequiredString(element, "id", key);
        if (!string.Equals(id, key, StringComparison.Ordinal))
        {
            throw new SearchTreeFormatException($"node_map key '{key}' holds a node whose id is '{id}'; they must be equal.", key, "id");
        }

        string? strategy = null;
        if (element.TryGetProperty("strategy", out var strategyElement))
        {
            strategy = strategyElement.ValueKind switch
            {
                JsonValueKind.Null => null,
                JsonValueKind.String => strategyElement.GetString(),

                // Older cot-forge builds wrote the whole strategy; its name is what identifies it.
                JsonValueKind.Object when strategyElement.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String => name.GetString(),
                _ => throw new SearchTreeFormatException(
                    $"node '{key}': 'strategy' must be a strategy name or null; was {strategyElement.ValueKind}.", key, "strategy"),
            };
        }

        string prompt = StringOrEmpty(element, "prompt", key);
        string response = StringOrEmpty(element, "response", key);
        var cot = ReadCot(element, key);
        bool isFinal = RequiredBool(element, "is_final", key);
        bool success = RequiredBool(element, "success", key);
        bool pruned = element.TryGetProperty("pruned", out var prunedElement) && prunedElement.ValueKind != JsonValueKind.Null
            ? RequiredBool(element, "pruned", key)
            : false;
        var metadata = OptionalObject(element, "metadata", key);
        return new ReasoningNode(id, strategy, prompt, response, cot, parent, metadata)
        {
            IsFinal = isFinal,
            Success = success,
            Pruned = pruned,
        };
    }

    private static CotStep[]? ReadCot(JsonElement node, string nodeId)
    {
        if (!node.TryGetProperty("cot", out var cot) || cot.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (cot.ValueKind != JsonValueKind.Array)
        {
            throw new SearchTreeFormatException($"node '{nodeId}': 'cot' must be a list of steps or null; was {cot.ValueKind}.", nodeId, "cot");
        }

        var steps = new CotStep[cot.GetArrayLength()];
        int i = 0;
        foreach (var step in cot.EnumerateArray())
        {
            if (step.ValueKind != JsonValueKind.Object)
            {
                throw new SearchTreeFormatException($"node '{nodeId}': cot[{i}] must be an object; was {step.ValueKind}.", nodeId, "cot");
            }

            if (!step.TryGetProperty("action", out var action) || action.ValueKind != JsonValueKind.String)
            {
                throw new SearchTreeFormatException($"node '{nodeId}': cot[{i}] needs a string 'action'.", nodeId, "cot");
            }

            if (!step.TryGetProperty("content", out var content) || content.ValueKind != JsonValueKind.String)
            {
                throw new SearchTreeFormatException($"node '{nodeId}': cot[{i}] needs a string 'content'.", nodeId, "cot");
            }

            string? title = null;
            if (step.TryGetProperty("title", out var titleElement))
            {
                title = titleElement.ValueKind switch
                {
                    JsonValueKind.Null => null,
                    JsonValueKind.String => titleElement.GetString(),
                    _ => throw new SearchTreeFormatException($"node '{nodeId}': cot[{i}].title must be a string; was {titleElement.ValueKind}.", nodeId, "cot"),
                };
            }

            steps[i++] = new CotStep(action.GetString()!, content.GetString()!, title);
        }

        return steps;
    }

    private static JsonElement Required(JsonElement parent, string key, JsonValueKind kind, string? nodeId)
    {
        if (!parent.TryGetProperty(key, out var value))
        {
            throw new SearchTreeFormatException(Where(nodeId) + $"missing required key '{key}'.", nodeId, key);
        }

        if (value.ValueKind != kind)
        {
            throw new SearchTreeFormatException(Where(nodeId) + $"'{key}' must be {Article(kind)}; was {value.ValueKind}.", nodeId, key);
        }

        return value;
    }

    private static string RequiredString(JsonElement parent, string key, string? nodeId) =>
        Required(parent, key, JsonValueKind.String, nodeId).GetString()!;

    private static string StringOrEmpty(JsonElement parent, string key, string? nodeId)
    {
        // cot-forge stores a missing response as ""; a null here is read the same way.
        if (parent.TryGetProperty(key, out var value) && value.ValueKind == JsonValueKind.Null)
        {
            return string.Empty;
        }

        return RequiredString(parent, key, nodeId);
    }

    private static bool RequiredBool(JsonElement parent, string key, string? nodeId)
    {
        if (!parent.TryGetProperty(key, out var value))
        {
            throw new SearchTreeFormatException(Where(nodeId) + $"missing required key '{key}'.", nodeId, key);
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw new SearchTreeFormatException(Where(nodeId) + $"'{key}' must be true or false; was {value.ValueKind}.", nodeId, key),
        };
    }

    private static JsonObject OptionalObject(JsonElement parent, string key, string? nodeId)
    {
        if (!parent.TryGetProperty(key, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            throw new SearchTreeFormatException(Where(nodeId) + $"'{key}' must be an object; was {value.ValueKind}.", nodeId, key);
        }

        // A detached copy: the caller's JsonDocument may be disposed long before the tree is.
        return JsonNode.Parse(value.GetRawText())!.AsObject();
    }

    private static string Where(string? nodeId) => nodeId is null ? "search tree: " : $"node '{nodeId}': ";

    private static string Article(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        _ => kind.ToString(),
    };

    private static string Describe(JsonElement element)
    {
        string text = element.GetRawText();
        return text.Length <= 60 ? text : text[..60] + "…";
    }
}
