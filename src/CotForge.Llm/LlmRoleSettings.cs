using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace CotForge.Llm;

/// <summary>
/// How one role (search, verifier, scorer, post-processing) talks to its LLM: provider, model, endpoint, sampling
/// options and the limits of the middleware stack. Roles that name the same provider and base URL share that
/// endpoint's rate limits, adaptive concurrency and circuit breaker.
/// </summary>
public sealed record LlmRoleSettings
{
    /// <summary>Default of <see cref="Timeout"/>: 120 seconds.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(120);

    /// <summary>The provider: <c>simulated</c> (default), <c>openai</c> or <c>anthropic</c> (see <see cref="LlmProviders"/>).</summary>
    public string Provider { get; init; } = LlmProviders.Simulated;

    /// <summary>The model name sent to the endpoint. Required for <c>openai</c> and <c>anthropic</c>; the simulated
    /// provider uses it only to label its answers (default <c>default</c>).</summary>
    public string? Model { get; init; }

    /// <summary>The endpoint's base URL; default the provider's public API. For <c>openai</c> include the version
    /// segment (<c>http://127.0.0.1:8000/v1</c>); for <c>anthropic</c> give the host (a trailing <c>/v1</c> is dropped).</summary>
    public string? BaseUrl { get; init; }

    /// <summary>Sampling temperature; default null (the endpoint's default).</summary>
    public float? Temperature { get; init; }

    /// <summary>Maximum tokens per reply; default null (the endpoint's default; 4096 for <c>anthropic</c>, which requires one).</summary>
    public int? MaxOutputTokens { get; init; }

    /// <summary>Requests per minute allowed to this endpoint (shared by every role using it); default null (no limit).</summary>
    public int? RequestsPerMinute { get; init; }

    /// <summary>Tokens (input + output) per minute allowed to this endpoint (shared); default null (no limit).</summary>
    public int? TokensPerMinute { get; init; }

    /// <summary>Most calls in flight to this endpoint at once (shared; the adaptive limit moves below it); default
    /// null, meaning <see cref="DefaultMaxConcurrency"/> for remote providers and no limit for the simulated one.</summary>
    public int? MaxConcurrency { get; init; }

    /// <summary>Ceiling of the adaptive concurrency limit when <see cref="MaxConcurrency"/> is not set: 128.</summary>
    public const int DefaultMaxConcurrency = 128;

    /// <summary>Time one attempt may take before it is abandoned and retried; default 120 seconds.</summary>
    public TimeSpan Timeout { get; init; } = DefaultTimeout;

    /// <summary>Retries after the first attempt for transient failures (429, 5xx, timeouts, transport); default 6.</summary>
    public int MaxRetries { get; init; } = 6;

    /// <summary>First retry delay; later ones double, with jitter, up to <see cref="MaxRetryDelay"/>; default 1 second.</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest wait between two attempts, also the cap on an endpoint's Retry-After; default 60 seconds.</summary>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The environment variable holding the API key; default <c>OPENAI_API_KEY</c> or <c>ANTHROPIC_API_KEY</c>.
    /// Only the variable's name is ever recorded, never its value.</summary>
    public string? ApiKeyVariable { get; init; }

    /// <summary>The model actually used: <see cref="Model"/>, or <c>default</c> for the simulated provider.</summary>
    public string EffectiveModel => string.IsNullOrWhiteSpace(Model) ? "default" : Model;

    /// <summary>The environment variable the key is read from (null for the simulated provider).</summary>
    public string? EffectiveApiKeyVariable => ApiKeyVariable ?? LlmProviders.DefaultApiKeyVariable(Provider);

    /// <summary>The base URL actually used, without user info, query or fragment.</summary>
    public string? EffectiveBaseUrl => EndpointKeys.SanitizeUrl(BaseUrl ?? LlmProviders.DefaultBaseUrl(Provider));

    /// <summary>Identity of the endpoint (<c>provider|base-url</c>); roles with equal keys share limits.</summary>
    public string EndpointKey => Provider + "|" + (EffectiveBaseUrl ?? "local");

    /// <summary>Chat options carrying this role's model, temperature and reply limit, for the engine's calls.</summary>
    public ChatOptions ToChatOptions() => new()
    {
        ModelId = EffectiveModel,
        Temperature = Temperature,
        MaxOutputTokens = MaxOutputTokens,
    };

    /// <summary>
    /// Checks every setting and throws one <see cref="LlmConfigurationException"/> listing all problems for
    /// <paramref name="role"/>, each naming the setting, its value and the accepted range.
    /// </summary>
    public void Validate(string role)
    {
        var problems = new List<string>();
        if (!LlmProviders.All.Contains(Provider))
        {
            problems.Add($"'Provider' must be one of {string.Join(", ", LlmProviders.All)}; was '{Provider}'.");
        }
        else if (Provider != LlmProviders.Simulated && string.IsNullOrWhiteSpace(Model))
        {
            problems.Add($"'Model' is required for provider '{Provider}'; set the model name (e.g. --model).");
        }

        if (BaseUrl is not null && (!Uri.TryCreate(BaseUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)))
        {
            problems.Add($"'BaseUrl' must be an absolute http or https URL; was '{EndpointKeys.SanitizeUrl(BaseUrl)}'.");
        }

        if (Temperature is < 0 or > 2)
        {
            problems.Add($"'Temperature' must be between 0 and 2; was {Temperature}.");
        }

        CheckPositive(problems, nameof(MaxOutputTokens), MaxOutputTokens);
        CheckPositive(problems, nameof(RequestsPerMinute), RequestsPerMinute);
        CheckPositive(problems, nameof(TokensPerMinute), TokensPerMinute);
        CheckPositive(problems, nameof(MaxConcurrency), MaxConcurrency);
        if (Timeout <= TimeSpan.Zero)
        {
            problems.Add($"'Timeout' must be positive; was {Timeout}.");
        }

        if (MaxRetries is < 0 or > 100)
        {
            problems.Add($"'MaxRetries' must be between 0 and 100; was {MaxRetries}.");
        }

        if (RetryBaseDelay < TimeSpan.Zero || MaxRetryDelay < RetryBaseDelay)
        {
            problems.Add($"'RetryBaseDelay' must be at least 0 and at most 'MaxRetryDelay'; were {RetryBaseDelay} and {MaxRetryDelay}.");
        }

        if (ApiKeyVariable is not null && (ApiKeyVariable.Length == 0 || ApiKeyVariable.Any(c => !(char.IsAsciiLetterOrDigit(c) || c == '_'))))
        {
            problems.Add($"'ApiKeyVariable' must be an environment variable name (letters, digits, '_'); was '{ApiKeyVariable}'.");
        }

        if (problems.Count > 0)
        {
            throw new LlmConfigurationException($"Invalid LLM settings for role '{role}': " + string.Join(" ", problems));
        }
    }

    /// <summary>
    /// The settings as recorded in config.json. Holds the key's variable name, never its value; the base URL is
    /// stripped of user info and query. Marks the simulated provider with <c>"simulated": true</c>.
    /// </summary>
    public JsonObject Describe()
    {
        var json = new JsonObject
        {
            ["provider"] = Provider,
            ["model"] = EffectiveModel,
        };
        if (Provider == LlmProviders.Simulated)
        {
            json["simulated"] = true;
        }
        else
        {
            json["base_url"] = EffectiveBaseUrl;
            json["api_key_variable"] = EffectiveApiKeyVariable;
        }

        AddIfSet(json, "temperature", Temperature);
        AddIfSet(json, "max_output_tokens", MaxOutputTokens);
        AddIfSet(json, "requests_per_minute", RequestsPerMinute);
        AddIfSet(json, "tokens_per_minute", TokensPerMinute);
        AddIfSet(json, "max_concurrency", MaxConcurrency);
        json["timeout_seconds"] = Timeout.TotalSeconds;
        json["max_retries"] = MaxRetries;
        return json;
    }

    private static void AddIfSet<T>(JsonObject json, string name, T? value)
        where T : struct
    {
        if (value is { } v)
        {
            json[name] = JsonValue.Create(v);
        }
    }

    private static void CheckPositive(List<string> problems, string name, int? value)
    {
        if (value is <= 0)
        {
            problems.Add($"'{name}' must be at least 1 when set; was {value}.");
        }
    }
}
