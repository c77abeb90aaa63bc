using System.Text.Json.Nodes;

namespace CotForge.Llm;

/// <summary>
/// Spending limits for a run, over all roles together. A null limit is no limit. Once any limit is reached, further
/// calls fail with <see cref="BudgetExceededException"/> before they are sent; calls already in flight complete.
/// </summary>
public sealed record LlmBudget
{
    /// <summary>Most input (prompt) tokens; default null (no limit).</summary>
    public long? MaxInputTokens { get; init; }

    /// <summary>Most output (completion) tokens; default null (no limit).</summary>
    public long? MaxOutputTokens { get; init; }

    /// <summary>Most input plus output tokens; default null (no limit).</summary>
    public long? MaxTotalTokens { get; init; }

    /// <summary>Most cost, computed from <see cref="LlmRuntimeOptions.Prices"/>; default null (no limit).</summary>
    public decimal? MaxCost { get; init; }

    /// <summary>Throws one <see cref="LlmConfigurationException"/> naming every limit that is not positive.</summary>
    public void Validate()
    {
        var problems = new List<string>();
        if (MaxInputTokens is <= 0)
        {
            problems.Add($"'MaxInputTokens' must be at least 1 when set; was {MaxInputTokens}.");
        }

        if (MaxOutputTokens is <= 0)
        {
            problems.Add($"'MaxOutputTokens' must be at least 1 when set; was {MaxOutputTokens}.");
        }

        if (MaxTotalTokens is <= 0)
        {
            problems.Add($"'MaxTotalTokens' must be at least 1 when set; was {MaxTotalTokens}.");
        }

        if (MaxCost is <= 0)
        {
            problems.Add($"'MaxCost' must be above 0 when set; was {MaxCost}.");
        }

        if (problems.Count > 0)
        {
            throw new LlmConfigurationException("Invalid LLM budget: " + string.Join(" ", problems));
        }
    }

    /// <summary>The limits as recorded in config.json (only those that are set).</summary>
    public JsonObject Describe()
    {
        var json = new JsonObject();
        if (MaxInputTokens is { } input)
        {
            json["max_input_tokens"] = input;
        }

        if (MaxOutputTokens is { } output)
        {
            json["max_output_tokens"] = output;
        }

        if (MaxTotalTokens is { } total)
        {
            json["max_total_tokens"] = total;
        }

        if (MaxCost is { } cost)
        {
            json["max_cost"] = cost;
        }

        return json;
    }
}
