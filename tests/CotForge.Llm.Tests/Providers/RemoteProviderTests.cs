using System.Diagnostics;
using System.Text.Json;
using CotForge.Core.Items;
using CotForge.TestUtilities.FakeLlm;
using CotForge.TestUtilities.Prompts;
using Microsoft.Extensions.AI;

namespace CotForge.Llm.Tests.Providers;

/// <summary>The openai and anthropic providers through the full factory stack against a real HTTP server on 127.0.0.1.</summary>
public sealed class RemoteProviderTests : IAsyncLifetime
{
    private const string Key = "sk-test-0123456789abcdefSECRET";
    private const string Question = "A shop sells 3 pens for $4. How much do 12 pens cost?";
    private FakeLlmServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await FakeLlmServer.StartAsync(seed: 1);
        _server.GroundTruths[Question] = "16";
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static LlmRuntimeOptions Runtime(string? key = Key) => new()
    {
        GetEnvironmentVariable = name => name is "OPENAI_API_KEY" or "ANTHROPIC_API_KEY" ? key : null,
        CircuitBreaker = new LlmCircuitBreakerOptions { MinimumThroughput = 3, FailureRatio = 0.9, BreakDuration = TimeSpan.FromSeconds(30) },
    };

    private LlmRoleSettings Settings(string provider, int maxRetries = 3, double timeoutSeconds = 10, string? baseUrl = null) => new()
    {
        Provider = provider,
        Model = "fake-model",
        BaseUrl = baseUrl ?? (provider == LlmProviders.OpenAI ? _server.OpenAIBaseUrl : _server.AnthropicBaseUrl),
        MaxOutputTokens = 500,
        Temperature = 0.4f,
        MaxRetries = maxRetries,
        RetryBaseDelay = TimeSpan.FromMilliseconds(20),
        MaxRetryDelay = TimeSpan.FromSeconds(2),
        Timeout = TimeSpan.FromSeconds(timeoutSeconds),
    };

    private static async Task<ChatResponse> AskAsync(IChatClient client)
    {
        using var scope = ItemContext.Enter(new ItemContext(ItemId.Compute(Question, "16"), Question, "16"));
        return await client.GetResponseAsync(SamplePrompts.StrategyStep(Question));
    }

    [Theory]
    [InlineData(LlmProviders.OpenAI)]
    [InlineData(LlmProviders.Anthropic)]
    public async Task Create_HealthyEndpoint_SendsKeyModelAndOptionsAndAccountsReportedUsage(string provider)
    {
        using var factory = new LlmClientFactory(Runtime());
        using var client = factory.Create(LlmRoles.Search, Settings(provider));

        var response = await AskAsync(client);

        using var document = JsonDocument.Parse(response.Text);
        Assert.Equal(JsonValueKind.Array, document.RootElement.GetProperty("CoT").ValueKind);
        var request = Assert.Single(_server.Requests);
        Assert.Equal((provider, "fake-model", Key, 500), (request.Wire, request.Model, request.ApiKey, request.MaxTokens));
        if (provider == LlmProviders.OpenAI)
        {
            // The Anthropic adapter of this SDK version does not forward temperature; OpenAI's does.
            Assert.Equal(0.4, request.Temperature!.Value, 3);
        }

        Assert.Contains("<question>", request.Prompt, StringComparison.Ordinal);
        var entry = Assert.Single(factory.Ledger.Snapshot().Entries);
        Assert.False(entry.Estimated);
        Assert.Equal((request.Prompt.Length + 3) / 4, entry.InputTokens);
        Assert.Equal(response.Usage!.OutputTokenCount, entry.OutputTokens);
    }

    [Theory]
    [InlineData(LlmProviders.OpenAI)]
    [InlineData(LlmProviders.Anthropic)]
    public async Task Create_RateLimitedWithRetryAfter_WaitsRetryAfterThenSucceeds(string provider)
    {
        _server.EnqueueFaults(FakeLlmFault.RateLimited);
        using var factory = new LlmClientFactory(Runtime());
        using var client = factory.Create(LlmRoles.Search, Settings(provider));

        await AskAsync(client);

        var requests = _server.Requests;
        Assert.Equal([FakeLlmFault.RateLimited, FakeLlmFault.None], requests.Select(r => r.Fault));
        Assert.InRange(requests[1].At - requests[0].At, TimeSpan.FromSeconds(0.95), TimeSpan.FromSeconds(3));
    }

    [Theory]
    [InlineData(LlmProviders.OpenAI)]
    [InlineData(LlmProviders.Anthropic)]
    public async Task Create_ThrottlingAndServerErrorBurst_RetriesThroughIt(string provider)
    {
        _server.EnqueueFaults(FakeLlmFault.RateLimitedWithoutRetryAfter, FakeLlmFault.ServerError, FakeLlmFault.ServiceUnavailable, FakeLlmFault.ServerError);
        using var factory = new LlmClientFactory(Runtime());
        using var client = factory.Create(LlmRoles.Search, Settings(provider, maxRetries: 5));

        var response = await AskAsync(client);

        Assert.NotEmpty(response.Text);
        Assert.Equal(5, _server.Requests.Count);
        Assert.Equal(1, factory.Ledger.Snapshot().TotalCalls);
    }

    [Theory]
    [InlineData(LlmProviders.OpenAI, FakeLlmFault.BadRequest, 400)]
    [InlineData(LlmProviders.OpenAI, FakeLlmFault.Unauthorized, 401)]
    [InlineData(LlmProviders.OpenAI, FakeLlmFault.NotFound, 404)]
    [InlineData(LlmProviders.Anthropic, FakeLlmFault.BadRequest, 400)]
    [InlineData(LlmProviders.Anthropic, FakeLlmFault.Unauthorized, 401)]
    [InlineData(LlmProviders.Anthropic, FakeLlmFault.NotFound, 404)]
    public async Task Create_RejectedRequest_FailsAtOnceWithStatusAndNoKey(string provider, FakeLlmFault fault, int status)
    {
        _server.EnqueueFaults(fault);
        using var factory = new LlmClientFactory(Runtime());
        using var client = factory.Create(LlmRoles.Search, Settings(provider));

        var error = await Assert.ThrowsAsync<LlmRequestException>(() => AskAsync(client));

        Assert.Equal(status, error.StatusCode);
        Assert.Single(_server.Requests);
        Assert.Contains($"HTTP {status}", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRET", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("sk-te", error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(LlmProviders.OpenAI)]
    [InlineData(LlmProviders.Anthropic)]
    public async Task Create_ReplySlowerThanTimeout_TimesOutAndRetries(string provider)
    {
        _server.SlowDelay = TimeSpan.FromSeconds(5);
        _server.EnqueueFaults(FakeLlmFault.Slow, FakeLlmFault.None);
        using var factory = new LlmClientFactory(Runtime());
        using var client = factory.Create(LlmRoles.Search, Settings(provider, timeoutSeconds: 0.4));
        var watch = Stopwatch.StartNew();

        await AskAsync(client);

        Assert.Equal(2, _server.Requests.Count);
        Assert.InRange(watch.Elapsed, TimeSpan.FromSeconds(0.4), TimeSpan.FromSeconds(4));
    }

    [Theory]
    [InlineData(LlmProviders.OpenAI)]
    [InlineData(LlmProviders.Anthropic)]
    public async Task Create_AlwaysSlow_FailsWithTimeoutAfterRetries(string provider)
    {
        _server.SlowDelay = TimeSpan.FromSeconds(5);
        _server.EnqueueFaults(FakeLlmFault.Slow, FakeLlmFault.Slow);
        using var factory = new LlmClientFactory(Runtime());
        using var client = factory.Create(LlmRoles.Search, Settings(provider, maxRetries: 1, timeoutSeconds: 0.3));

        var error = await Assert.ThrowsAsync<LlmTimeoutException>(() => AskAsync(client));

        Assert.Equal(2, error.Attempts);
    }

    [Theory]
    [InlineData(LlmProviders.OpenAI, FakeLlmFault.MalformedBody)]
    [InlineData(LlmProviders.OpenAI, FakeLlmFault.TruncatedBody)]
    [InlineData(LlmProviders.Anthropic, FakeLlmFault.MalformedBody)]
    [InlineData(LlmProviders.Anthropic, FakeLlmFault.TruncatedBody)]
    public async Task Create_BrokenEnvelope_IsTransientAndRetried(string provider, FakeLlmFault fault)
    {
        _server.EnqueueFaults(fault, fault);
        using var factory = new LlmClientFactory(Runtime());
        using var once = factory.Create(LlmRoles.Search, Settings(provider, maxRetries: 0));
        using var retrying = factory.Create(LlmRoles.Verifier, Settings(provider, maxRetries: 2));

        var error = await Assert.ThrowsAnyAsync<LlmTransientException>(() => AskAsync(once));
        var response = await AskAsync(retrying);

        // A body that is not JSON is a garbled response; a body cut off by a dropped connection is a transport error.
        Assert.Equal(fault == FakeLlmFault.MalformedBody ? LlmErrorKinds.MalformedResponse : LlmErrorKinds.TransportError, error.Kind);
        Assert.NotEmpty(response.Text);
        Assert.Equal(3, _server.Requests.Count);
    }

    [Theory]
    [InlineData(LlmProviders.OpenAI, FakeLlmFault.MalformedContent)]
    [InlineData(LlmProviders.Anthropic, FakeLlmFault.TruncatedContent)]
    [InlineData(LlmProviders.OpenAI, FakeLlmFault.EmptyContent)]
    public async Task Create_BrokenModelText_IsReturnedAsIsForTheEngineToJudge(string provider, FakeLlmFault fault)
    {
        _server.EnqueueFaults(fault);
        using var factory = new LlmClientFactory(Runtime());
        using var client = factory.Create(LlmRoles.Search, Settings(provider));

        var response = await AskAsync(client);

        Assert.Single(_server.Requests);
        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(response.Text).Dispose());
    }

    [Theory]
    [InlineData(LlmProviders.OpenAI)]
    [InlineData(LlmProviders.Anthropic)]
    public async Task Create_DeadPort_FailsWithTransportErrorsThenOpensTheCircuit(string provider)
    {
        string dead = FakeLlmServer.UnusedLoopbackUrl(provider == LlmProviders.OpenAI ? "/v1" : string.Empty);
        using var factory = new LlmClientFactory(Runtime());
        using var client = factory.Create(LlmRoles.Search, Settings(provider, maxRetries: 10, baseUrl: dead));
        var watch = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<LlmUnavailableException>(() => AskAsync(client));

        Assert.Equal(4, error.Attempts);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
        var next = await Assert.ThrowsAsync<LlmUnavailableException>(() => AskAsync(client));
        Assert.Equal(1, next.Attempts);
    }

    [Theory]
    [InlineData(LlmProviders.OpenAI, "OPENAI_API_KEY")]
    [InlineData(LlmProviders.Anthropic, "ANTHROPIC_API_KEY")]
    public void Create_MissingKey_ThrowsConfigurationErrorNamingTheVariable(string provider, string variable)
    {
        using var factory = new LlmClientFactory(Runtime(key: null));

        var error = Assert.Throws<LlmConfigurationException>(() => factory.Create(LlmRoles.Verifier, Settings(provider)));

        Assert.Contains($"environment variable {variable}", error.Message, StringComparison.Ordinal);
        Assert.Contains("Role 'verifier'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_KeyInCustomVariable_ReadsThatVariable()
    {
        var runtime = Runtime(key: null);
        runtime.GetEnvironmentVariable = name => name == "MY_GATEWAY_KEY" ? Key : null;
        using var factory = new LlmClientFactory(runtime);

        using var client = factory.Create(LlmRoles.Search, Settings(LlmProviders.OpenAI) with { ApiKeyVariable = "MY_GATEWAY_KEY" });

        Assert.Equal("MY_GATEWAY_KEY", factory.Describe()["roles"]!["search"]!["api_key_variable"]!.GetValue<string>());
    }

    [Fact]
    public async Task Create_RunWithErrorsAndCache_NoKeyInAnythingWritten()
    {
        string directory = Directory.CreateTempSubdirectory("cotforge-keys-").FullName;
        try
        {
            string cachePath = Path.Combine(directory, "cache.sqlite");
            var runtime = Runtime();
            runtime.CachePath = cachePath;
            var errors = new List<Exception>();
            string describe;
            using (var factory = new LlmClientFactory(runtime))
            {
                using var openai = factory.Create(LlmRoles.Search, Settings(LlmProviders.OpenAI, maxRetries: 0));
                using var anthropic = factory.Create(LlmRoles.Verifier, Settings(LlmProviders.Anthropic, maxRetries: 0));
                foreach (var client in new[] { openai, anthropic })
                {
                    await AskAsync(client);
                    foreach (var fault in new[] { FakeLlmFault.Unauthorized, FakeLlmFault.BadRequest, FakeLlmFault.ServerError, FakeLlmFault.MalformedBody })
                    {
                        _server.EnqueueFaults(fault);
                        using var scope = ItemContext.Enter(new ItemContext("x", "other", "1"));
                        errors.Add(await Assert.ThrowsAnyAsync<LlmException>(() => client.GetResponseAsync(SamplePrompts.StrategyStep("other " + fault))));
                    }
                }

                describe = factory.Describe().ToJsonString() + factory.Ledger.Describe().ToJsonString();
                Assert.Equal(2, factory.Cache!.Count());
            }

            Assert.Equal(8, errors.Count);
            Assert.All(_server.Requests, r => Assert.Equal(Key, r.ApiKey));
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (string file in Directory.EnumerateFiles(directory))
            {
                Assert.DoesNotContain("SECRET", System.Text.Encoding.Latin1.GetString(await File.ReadAllBytesAsync(file)), StringComparison.Ordinal);
            }

            foreach (string text in errors.Select(e => e.ToString()).Append(describe))
            {
                Assert.DoesNotContain("SECRET", text, StringComparison.Ordinal);
                Assert.DoesNotContain("0123456789", text, StringComparison.Ordinal);
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
