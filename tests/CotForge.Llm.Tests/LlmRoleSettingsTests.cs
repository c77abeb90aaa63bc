namespace CotForge.Llm.Tests;

public sealed class LlmRoleSettingsTests
{
    [Fact]
    public void Constructor_Defaults_AreSimulatedWithTwoMinuteTimeoutAndSixRetries()
    {
        var settings = new LlmRoleSettings();

        Assert.Equal("simulated", settings.Provider);
        Assert.Equal("default", settings.EffectiveModel);
        Assert.Equal(TimeSpan.FromSeconds(120), settings.Timeout);
        Assert.Equal(6, settings.MaxRetries);
        Assert.Null(settings.EffectiveApiKeyVariable);
        Assert.Equal("simulated|local", settings.EndpointKey);
        settings.Validate("search");
    }

    [Theory]
    [InlineData("openai", "OPENAI_API_KEY", "openai|https://api.openai.com/v1")]
    [InlineData("anthropic", "ANTHROPIC_API_KEY", "anthropic|https://api.anthropic.com")]
    public void EffectiveValues_RealProvider_DefaultKeyVariableAndEndpoint(string provider, string variable, string endpoint)
    {
        var settings = new LlmRoleSettings { Provider = provider, Model = "m" };

        Assert.Equal(variable, settings.EffectiveApiKeyVariable);
        Assert.Equal(endpoint, settings.EndpointKey);
    }

    [Theory]
    [InlineData("ftp://host/v1", "'BaseUrl' must be an absolute http or https URL")]
    [InlineData("not a url", "'BaseUrl' must be an absolute http or https URL; was '<invalid url>'.")]
    public void Validate_BadBaseUrl_ThrowsNamingTheSetting(string baseUrl, string expected)
    {
        var error = Assert.Throws<LlmConfigurationException>(() => new LlmRoleSettings { BaseUrl = baseUrl }.Validate("search"));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_SeveralProblems_ReportsAllInOneMessage()
    {
        var settings = new LlmRoleSettings { Temperature = 3f, RequestsPerMinute = 0, MaxRetries = -1, Timeout = TimeSpan.Zero, ApiKeyVariable = "BAD-NAME" };

        var error = Assert.Throws<LlmConfigurationException>(() => settings.Validate("verifier"));

        Assert.StartsWith("Invalid LLM settings for role 'verifier': ", error.Message, StringComparison.Ordinal);
        foreach (string part in new[] { "'Temperature' must be between 0 and 2; was 3.", "'RequestsPerMinute' must be at least 1 when set; was 0.", "'MaxRetries' must be between 0 and 100; was -1.", "'Timeout' must be positive", "'ApiKeyVariable' must be an environment variable name" })
        {
            Assert.Contains(part, error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Describe_BaseUrlWithCredentials_RecordsItWithoutThem()
    {
        var settings = new LlmRoleSettings { Provider = "openai", Model = "gpt-x", BaseUrl = "https://user:s3cret@proxy.example/v1/?api-key=s3cret#frag", ApiKeyVariable = "MY_KEY", RequestsPerMinute = 100 };

        var json = settings.Describe();
        string text = json.ToJsonString();

        Assert.Equal("https://proxy.example/v1", json["base_url"]!.GetValue<string>());
        Assert.Equal("MY_KEY", json["api_key_variable"]!.GetValue<string>());
        Assert.Equal(100, json["requests_per_minute"]!.GetValue<int>());
        Assert.DoesNotContain("s3cret", text, StringComparison.Ordinal);
        Assert.Null(json["simulated"]);
        Assert.Equal("openai|https://proxy.example/v1", settings.EndpointKey);
    }

    [Fact]
    public void ToChatOptions_Settings_CarryModelTemperatureAndMaxTokens()
    {
        var options = new LlmRoleSettings { Model = "m", Temperature = 0.5f, MaxOutputTokens = 100 }.ToChatOptions();

        Assert.Equal(("m", 0.5f, 100), (options.ModelId, options.Temperature, options.MaxOutputTokens));
    }
}
