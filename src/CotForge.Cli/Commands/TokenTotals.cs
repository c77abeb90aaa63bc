using System.Text.Json.Nodes;

namespace CotForge.Cli.Commands;

/// <summary>Input/output token totals and calls, as recorded by a run (possibly estimated where a provider gave no usage).</summary>
internal sealed record TokenTotals(long InputTokens, long OutputTokens, long Calls, bool Estimated)
{
    public long TotalTokens => InputTokens + OutputTokens;

    public JsonObject ToJson() => new()
    {
        ["input"] = InputTokens,
        ["output"] = OutputTokens,
        ["total"] = TotalTokens,
        ["calls"] = Calls,
        ["estimated"] = Estimated,
    };

    /// <summary>Reads the <c>tokens</c> object the run command stores in metadata.json's run info; null when absent.</summary>
    public static TokenTotals? FromRunInfo(JsonObject? runInfo)
    {
        if (runInfo?["tokens"] is not JsonObject tokens)
        {
            return null;
        }

        return new TokenTotals(Read(tokens, "input"), Read(tokens, "output"), Read(tokens, "calls"),
            tokens["estimated"] is JsonValue v && v.TryGetValue(out bool b) && b);
    }

    private static long Read(JsonObject json, string key) =>
        json[key] is JsonValue value && value.TryGetValue(out long n) ? n : 0;
}
