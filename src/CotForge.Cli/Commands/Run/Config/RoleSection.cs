namespace CotForge.Cli.Commands.Run.Config;

/// <summary>
/// Provider, model and limits of one LLM role (search, verifier, scorer, post_processing), or of all of them as
/// the defaults under <c>"llm"</c>. Never holds an API key: keys come only from OPENAI_API_KEY / ANTHROPIC_API_KEY.
/// </summary>
internal class RoleSection
{
    /// <summary>simulated | openai | anthropic. Default: simulated.</summary>
    public string? Provider { get; set; }

    /// <summary>Model name as the provider knows it. Default: the provider's default.</summary>
    public string? Model { get; set; }

    /// <summary>Endpoint (OpenAI-compatible servers: vLLM, Ollama, LM Studio, OpenRouter, Azure...).</summary>
    public string? BaseUrl { get; set; }

    /// <summary>Sampling temperature, 0 to 2. Default: the provider's.</summary>
    public float? Temperature { get; set; }

    /// <summary>Cap on output tokens per call. Default: the provider's.</summary>
    public int? MaxOutputTokens { get; set; }

    /// <summary>Client-side requests-per-minute limit. Default: none.</summary>
    public int? RequestsPerMinute { get; set; }

    /// <summary>Client-side tokens-per-minute limit. Default: none.</summary>
    public int? TokensPerMinute { get; set; }

    /// <summary>Cap on concurrent calls to this role's endpoint. Default: none (adaptive).</summary>
    public int? MaxConcurrency { get; set; }

    /// <summary>Per-call timeout in seconds. Default: 120.</summary>
    public double? TimeoutSeconds { get; set; }

    /// <summary>Retries of a transient failure (429, 5xx, timeout) before the item fails. Default: 6.</summary>
    public int? MaxRetries { get; set; }

    /// <summary>Name of the environment variable holding the key (e.g. OPENROUTER_API_KEY). Default: OPENAI_API_KEY / ANTHROPIC_API_KEY.</summary>
    public string? ApiKeyVariable { get; set; }

    public static RoleSection? Merge(RoleSection? over, RoleSection? under) => over is null ? under : under is null ? over : new RoleSection().CopyFrom(over, under);

    /// <summary>Sets every value of this section from <paramref name="over"/>, else <paramref name="under"/>.</summary>
    internal RoleSection CopyFrom(RoleSection over, RoleSection under)
    {
        ArgumentNullException.ThrowIfNull(over);
        ArgumentNullException.ThrowIfNull(under);
        Provider = over.Provider ?? under.Provider;
        Model = over.Model ?? under.Model;
        BaseUrl = over.BaseUrl ?? under.BaseUrl;
        Temperature = over.Temperature ?? under.Temperature;
        MaxOutputTokens = over.MaxOutputTokens ?? under.MaxOutputTokens;
        RequestsPerMinute = over.RequestsPerMinute ?? under.RequestsPerMinute;
        TokensPerMinute = over.TokensPerMinute ?? under.TokensPerMinute;
        MaxConcurrency = over.MaxConcurrency ?? under.MaxConcurrency;
        TimeoutSeconds = over.TimeoutSeconds ?? under.TimeoutSeconds;
        MaxRetries = over.MaxRetries ?? under.MaxRetries;
        ApiKeyVariable = over.ApiKeyVariable ?? under.ApiKeyVariable;
        return this;
    }
}
