using System.Text.Json;

namespace CotForge.Cli.Commands.Export;

/// <summary>
/// Reads the elements of <c>chain_of_thought_responses</c>. This project writes objects
/// (<c>node_id, success, natural_reasoning, formal_answer, full_response</c>); cot-forge writes plain strings
/// <c>&lt;thinking&gt;…&lt;/thinking&gt;\n\nformal answer</c>, whose parts are recovered from the tags. A chain whose
/// own success flag is missing (cot-forge) takes the item's.
/// </summary>
internal static class ChainReader
{
    private const string Open = "<thinking>";
    private const string Close = "</thinking>";

    public static IEnumerable<ExportChain> Read(string id, string question, string groundTruth, JsonElement responses, bool itemSucceeded)
    {
        if (responses.ValueKind != JsonValueKind.Array)
        {
            yield break;
        }

        foreach (var element in responses.EnumerateArray())
        {
            if (element.ValueKind == JsonValueKind.String)
            {
                var full = element.GetString()!;
                var (natural, formal) = Split(full);
                yield return new ExportChain(id, question, groundTruth, full, natural, formal, itemSucceeded);
            }
            else if (element.ValueKind == JsonValueKind.Object)
            {
                string? natural = String(element, "natural_reasoning");
                string? formal = String(element, "formal_answer");
                string? full = String(element, "full_response");
                if (full is null && natural is not null && formal is not null)
                {
                    full = Open + natural + Close + "\n\n" + formal;
                }
                else if (full is not null && (natural is null || formal is null))
                {
                    var (n, f) = Split(full);
                    natural ??= n;
                    formal ??= f;
                }

                if (full is null)
                {
                    continue;
                }

                bool verified = element.TryGetProperty("success", out var s) && s.ValueKind is JsonValueKind.True or JsonValueKind.False
                    ? s.GetBoolean()
                    : itemSucceeded;
                yield return new ExportChain(id, question, groundTruth, full, natural, formal, verified);
            }
        }
    }

    /// <summary>Splits <c>&lt;thinking&gt;X&lt;/thinking&gt;Y</c> into (X, Y); (null, whole text) without the tags.</summary>
    public static (string? Natural, string? Formal) Split(string full)
    {
        ArgumentNullException.ThrowIfNull(full);
        int open = full.IndexOf(Open, StringComparison.Ordinal);
        int close = full.LastIndexOf(Close, StringComparison.Ordinal);
        if (open < 0 || close < open)
        {
            return (null, full.Trim());
        }

        var natural = full[(open + Open.Length)..close].Trim();
        var formal = full[(close + Close.Length)..].Trim();
        return (natural, formal);
    }

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
