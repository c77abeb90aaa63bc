using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CotForge.TestUtilities.FakeLlm;
using CotForge.TestUtilities.Prompts;

namespace CotForge.Llm.Tests.Providers;

/// <summary>The shared fake server behaves as documented for other teams' tests (raw HTTP, no SDK).</summary>
public sealed class FakeLlmServerTests : IAsyncLifetime
{
    private readonly HttpClient _http = new();
    private FakeLlmServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeLlmServer.StartAsync(seed: 3);

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    private Task<HttpResponseMessage> PostOpenAIAsync(string prompt, string key = "k") =>
        _http.SendAsync(new HttpRequestMessage(HttpMethod.Post, _server.OpenAIBaseUrl + "/chat/completions")
        {
            Headers = { { "Authorization", "Bearer " + key } },
            Content = JsonContent.Create(new { model = "m", messages = new[] { new { role = "user", content = prompt } } }),
        });

    [Fact]
    public async Task StartAsync_Default_ListensOnLoopbackAndAnswersBothWireFormats()
    {
        using var openai = await PostOpenAIAsync(SamplePrompts.Verification("q", "5", "5"));
        using var anthropic = await _http.PostAsJsonAsync(_server.AnthropicBaseUrl + "/v1/messages", new { model = "m", max_tokens = 10, system = "be brief", messages = new[] { new { role = "user", content = new[] { new { type = "text", text = SamplePrompts.Verification("q", "5", "6") } } } } });

        Assert.Equal("127.0.0.1", _server.BaseUri.Host);
        using var openaiBody = JsonDocument.Parse(await openai.Content.ReadAsStringAsync());
        using var anthropicBody = JsonDocument.Parse(await anthropic.Content.ReadAsStringAsync());
        string yes = openaiBody.RootElement.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString()!;
        string no = anthropicBody.RootElement.GetProperty("content")[0].GetProperty("text").GetString()!;
        Assert.Contains("\"result\":\"yes\"", yes, StringComparison.Ordinal);
        Assert.Contains("\"result\":\"no\"", no, StringComparison.Ordinal);
        Assert.True(openaiBody.RootElement.GetProperty("usage").GetProperty("prompt_tokens").GetInt32() > 0);
        Assert.Equal(["openai", "anthropic"], _server.Requests.Select(r => r.Wire));
        Assert.StartsWith("be brief\n", _server.Requests[1].Prompt, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FaultRate_ManyRequests_FailsAboutThatShareWithTheConfiguredFaults()
    {
        _server.FaultRate = 0.2;
        int failed = 0;
        for (int i = 0; i < 100; i++)
        {
            using var response = await PostOpenAIAsync($"hello {i}");
            if (response.StatusCode != HttpStatusCode.OK)
            {
                Assert.Contains((int)response.StatusCode, new[] { 429, 500, 503 });
                failed++;
            }
        }

        Assert.InRange(failed, 10, 32);
        Assert.Equal(failed, _server.Requests.Count(r => r.Fault != FakeLlmFault.None));
    }

    [Fact]
    public async Task EnqueueFaults_RateLimited_SendsRetryAfterThenRecovers()
    {
        _server.RetryAfterSeconds = 4;
        _server.EnqueueFaults(FakeLlmFault.RateLimited, FakeLlmFault.RateLimitedWithoutRetryAfter);

        using var first = await PostOpenAIAsync("a");
        using var second = await PostOpenAIAsync("b");
        using var third = await PostOpenAIAsync("c");

        Assert.Equal(HttpStatusCode.TooManyRequests, first.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(4), first.Headers.RetryAfter!.Delta);
        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        Assert.Null(second.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.OK, third.StatusCode);
    }

    [Fact]
    public async Task Script_Set_AnswersWithTheScriptAndSeesTheRequest()
    {
        _server.Script = request => $"echo {request.Model} {request.Prompt.Length}";

        using var response = await PostOpenAIAsync("12345");

        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("echo m 5", body.RootElement.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString());
    }

    [Fact]
    public async Task ExpectedApiKey_WrongKey_RefusesWithMaskedEcho()
    {
        _server.ExpectedApiKey = "right-key-123456";

        using var wrong = await PostOpenAIAsync("a", key: "wrong-key-999999");
        using var right = await PostOpenAIAsync("a", key: "right-key-123456");

        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Contains("wrong*****9999", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
    }

    [Fact]
    public async Task UnusedLoopbackUrl_Connect_IsRefused()
    {
        string url = FakeLlmServer.UnusedLoopbackUrl();

        await Assert.ThrowsAsync<HttpRequestException>(() => _http.GetAsync(url));
    }
}
