namespace CotForge.Llm;

/// <summary>The provider names accepted in <see cref="LlmRoleSettings.Provider"/>.</summary>
public static class LlmProviders
{
    /// <summary>The built-in offline provider (<see cref="Simulation.SimulatedChatClient"/>).</summary>
    public const string Simulated = "simulated";

    /// <summary>Any OpenAI-compatible chat-completions endpoint (OpenAI, Azure OpenAI, vLLM, Ollama, ...).</summary>
    public const string OpenAI = "openai";

    /// <summary>The Anthropic Messages API.</summary>
    public const string Anthropic = "anthropic";

    /// <summary>All accepted names, for messages and validation.</summary>
    public static IReadOnlyList<string> All { get; } = [Simulated, OpenAI, Anthropic];

    /// <summary>The environment variable holding the key of a provider unless a role names another one.</summary>
    public static string? DefaultApiKeyVariable(string provider) => provider switch
    {
        OpenAI => "OPENAI_API_KEY",
        Anthropic => "ANTHROPIC_API_KEY",
        _ => null,
    };

    /// <summary>The base URL a provider talks to when a role sets none.</summary>
    public static string? DefaultBaseUrl(string provider) => provider switch
    {
        OpenAI => "https://api.openai.com/v1",
        Anthropic => "https://api.anthropic.com",
        _ => null,
    };
}
