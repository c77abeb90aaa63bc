using System.Text.Json;
using System.Text.Json.Serialization;
using CotForge.Cli.Infrastructure;

namespace CotForge.Cli.Commands.Run.Config;

/// <summary>
/// Reads a --config file. Unknown keys are errors, not silently ignored, because a misspelt
/// <c>"max_dpeth"</c> would otherwise run a job with a configuration the user did not ask for.
/// </summary>
internal static class RunConfigFileLoader
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        NumberHandling = JsonNumberHandling.Strict,
    };

    /// <summary>Loads and parses <paramref name="path"/>; throws <see cref="UsageException"/> naming the file, line and key.</summary>
    public static RunConfigFile Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"--config '{path}' cannot be read: {ex.Message}. Check the path and its permissions.", ex);
        }

        return Parse(text, path);
    }

    /// <summary>Parses configuration text; <paramref name="source"/> names it in error messages.</summary>
    public static RunConfigFile Parse(string json, string source)
    {
        try
        {
            return JsonSerializer.Deserialize<RunConfigFile>(json, Options)
                ?? throw new UsageException($"--config '{source}' is empty (null). Write a JSON object such as {{\"search\": {{\"max_depth\": 3}}}}.");
        }
        catch (JsonException ex)
        {
            string where = ex.LineNumber is { } line ? $" line {line + 1}" : "";
            string key = string.IsNullOrEmpty(ex.Path) || ex.Path == "$" ? "" : $" at {ToKey(ex.Path)}";
            string what = ex.Message.Contains("could not be mapped", StringComparison.Ordinal)
                ? "has a key this version does not know"
                : ex.Message.Contains("could not be converted", StringComparison.Ordinal)
                    ? "has a value of the wrong type"
                    : "is not valid JSON";
            throw new UsageException(
                $"--config '{source}'{where}{key} {what}. Fix: compare with data-samples/sample-config.json (keys are snake_case; numbers unquoted).",
                ex);
        }
    }

    /// <summary>"$.search.max_depth" → "search.max_depth", the form the validator and the messages use.</summary>
    private static string ToKey(string path) => path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path;
}
