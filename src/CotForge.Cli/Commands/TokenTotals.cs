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

    /// <summary>
    /// Reads the token ledger a run stores in metadata.json's run info (<c>{"tokens": {"total": {"input_tokens",
    /// "output_tokens", "calls", "estimated"}, "by_role": [...]}}</c>); null when absent.
    /// </summary>
    public static TokenTotals? FromRunInfo(JsonObject? runInfo)
    {
        if (runInfo?["tokens"]?["total"] is not JsonObject total)
        {
            return null;
        }

        return new TokenTotals(Read(total, "input_tokens"), Read(total, "output_tokens"), Read(total, "calls"),
            total["estimated"] is JsonValue v && v.TryGetValue(out bool b) && b);
    }

    private static long Read(JsonObject json, string key) =>
        json[key] is JsonValue value && value.TryGetValue(out long n) ? n : 0;
}
