namespace CotForge.Llm;

/// <summary>
/// The LLM settings cannot work as given: an unknown provider, a missing model or API key variable, an invalid
/// limit. The message names the setting (or environment variable) and says how to fix it; it never contains a key.
/// </summary>
public sealed class LlmConfigurationException : LlmException
{
    /// <summary>Creates a configuration error.</summary>
    public LlmConfigurationException(string message)
        : base(LlmErrorKinds.Configuration, message)
    {
    }
}
