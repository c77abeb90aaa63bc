using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CotForge.Core.Items;
using CotForge.Core.Prompts;
using CotForge.Llm.Simulation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CotForge.TestUtilities.FakeLlm;

/// <summary>
/// A real HTTP server on 127.0.0.1 (in-process Kestrel) speaking the OpenAI chat-completions
/// (<c>POST /v1/chat/completions</c>) and Anthropic Messages (<c>POST /v1/messages</c>) wire formats, for tests of
/// real providers and of whole runs. It answers with the simulated provider's logic (using
/// <see cref="GroundTruths"/> as its oracle) or <see cref="Script"/>, logs every request, and injects faults: queued
/// ones (<see cref="EnqueueFaults"/>) first, then random ones at <see cref="FaultRate"/>.
/// </summary>
/// <example>
/// <code>
/// await using var server = await FakeLlmServer.StartAsync();
/// server.FaultRate = 0.2;   // 20 % transient failures
/// // cotforge run data.jsonl --provider openai --base-url {server.OpenAIBaseUrl} --model fake
/// </code>
/// </example>
public sealed class FakeLlmServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<FakeLlmFault> _queuedFaults = new();
    private readonly ConcurrentQueue<FakeLlmRequest> _requests = new();
    private readonly Lock _randomGate = new();
    private readonly SimulatedChatClient _simulated;
    private Random _random;
    private int _count;

    private FakeLlmServer(WebApplication app, SimulationOptions simulation, int seed)
    {
        _app = app;
        _simulated = new SimulatedChatClient(simulation, "fake");
        _random = new Random(seed);
    }

    /// <summary>Root URL, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseUri { get; private set; } = null!;

    /// <summary>The bound port.</summary>
    public int Port => BaseUri.Port;

    /// <summary>Base URL for OpenAI-compatible clients: <c>http://127.0.0.1:PORT/v1</c>.</summary>
    public string OpenAIBaseUrl => BaseUri.ToString().TrimEnd('/') + "/v1";

    /// <summary>Base URL for Anthropic clients: <c>http://127.0.0.1:PORT</c> (the SDK adds <c>/v1/messages</c>).</summary>
    public string AnthropicBaseUrl => BaseUri.ToString().TrimEnd('/');

    /// <summary>Every request received, in arrival order.</summary>
    public IReadOnlyList<FakeLlmRequest> Requests => _requests.OrderBy(r => r.Index).ToList();

    /// <summary>Ground truth by question text: the oracle for strategy steps, as <see cref="ItemContext"/> is in-process.</summary>
    public ConcurrentDictionary<string, string> GroundTruths { get; } = new(StringComparer.Ordinal);

    /// <summary>When set, produces the reply text for a request instead of the simulated logic.</summary>
    public Func<FakeLlmRequest, string>? Script { get; set; }

    /// <summary>Probability of a random fault (drawn from <see cref="RandomFaults"/>) once the queue is empty; default 0.</summary>
    public double FaultRate { get; set; }

    /// <summary>The faults drawn at random; default 429, 500 and 503.</summary>
    public IReadOnlyList<FakeLlmFault> RandomFaults { get; set; } = [FakeLlmFault.RateLimited, FakeLlmFault.ServerError, FakeLlmFault.ServiceUnavailable];

    /// <summary>Seconds in the Retry-After header of a 429; default 1.</summary>
    public int RetryAfterSeconds { get; set; } = 1;

    /// <summary>How long a <see cref="FakeLlmFault.Slow"/> reply takes; default 5 seconds.</summary>
    public TimeSpan SlowDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>When set, requests carrying another key are refused with 401.</summary>
    public string? ExpectedApiKey { get; set; }

    /// <summary>Starts a server on a free loopback port.</summary>
    public static async Task<FakeLlmServer> StartAsync(SimulationOptions? simulation = null, int seed = 0, CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new FakeLlmServer(app, simulation ?? new SimulationOptions { Seed = seed }, seed);
        app.MapPost("/v1/chat/completions", context => server.HandleAsync(context, "openai"));
        app.MapPost("/v1/messages", context => server.HandleAsync(context, "anthropic"));
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseUri = new Uri(address.EndsWith('/') ? address : address + "/");
        return server;
    }

    /// <summary>A loopback URL on which nothing listens (the port was bound and released), for dead-endpoint tests.</summary>
    public static string UnusedLoopbackUrl(string path = "/v1")
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        int port = ((IPEndPoint)socket.LocalEndPoint!).Port;
        return $"http://127.0.0.1:{port}{path}";
    }

    /// <summary>Makes the next requests suffer these faults, in order (<see cref="FakeLlmFault.None"/> answers normally).</summary>
    public void EnqueueFaults(params FakeLlmFault[] faults)
    {
        foreach (var fault in faults)
        {
            _queuedFaults.Enqueue(fault);
        }
    }

    /// <summary>Reseeds the random fault draws.</summary>
    public void Reseed(int seed)
    {
        lock (_randomGate)
        {
            _random = new Random(seed);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        _simulated.Dispose();
    }

    private FakeLlmFault NextFault()
    {
        if (_queuedFaults.TryDequeue(out var queued))
        {
            return queued;
        }

        lock (_randomGate)
        {
            return FaultRate > 0 && RandomFaults.Count > 0 && _random.NextDouble() < FaultRate
                ? RandomFaults[_random.Next(RandomFaults.Count)]
                : FakeLlmFault.None;
        }
    }

    private async Task HandleAsync(HttpContext context, string wire)
    {
        var token = context.RequestAborted;
        JsonDocument body;
        try
        {
            body = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: token).ConfigureAwait(false);
        }
        catch (JsonException)
        {
            await WriteErrorAsync(context, wire, 400, "invalid_request_error", "The request body is not JSON.").ConfigureAwait(false);
            return;
        }

        using (body)
        {
            var root = body.RootElement;
            // OpenAI sends a bearer token; Anthropic's SDK sends x-api-key or a bearer token depending on version.
            string? apiKey = context.Request.Headers["x-api-key"].ToString() is { Length: > 0 } key
                ? key
                : context.Request.Headers.Authorization.ToString() is { Length: > 7 } auth && auth.StartsWith("Bearer ", StringComparison.Ordinal) ? auth[7..] : null;
            var fault = ExpectedApiKey is not null && apiKey != ExpectedApiKey ? FakeLlmFault.Unauthorized : NextFault();
            var request = new FakeLlmRequest(
                Interlocked.Increment(ref _count) - 1,
                DateTimeOffset.UtcNow,
                wire,
                root.TryGetProperty("model", out var model) ? model.GetString() : null,
                ReadPrompt(root, wire),
                apiKey,
                fault,
                ReadInt(root, "max_tokens") ?? ReadInt(root, "max_completion_tokens"),
                root.TryGetProperty("temperature", out var temperature) && temperature.ValueKind == JsonValueKind.Number ? temperature.GetDouble() : null);
            _requests.Enqueue(request);
            if (root.TryGetProperty("stream", out var stream) && stream.ValueKind == JsonValueKind.True)
            {
                await WriteErrorAsync(context, wire, 400, "invalid_request_error", "The fake server does not stream.").ConfigureAwait(false);
                return;
            }

            await RespondAsync(context, wire, request, token).ConfigureAwait(false);
        }
    }

    private async Task RespondAsync(HttpContext context, string wire, FakeLlmRequest request, CancellationToken token)
    {
        switch (request.Fault)
        {
            case FakeLlmFault.RateLimited:
                context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                await WriteErrorAsync(context, wire, 429, "rate_limit_error", "Rate limit reached; slow down.").ConfigureAwait(false);
                return;
            case FakeLlmFault.RateLimitedWithoutRetryAfter:
                await WriteErrorAsync(context, wire, 429, "rate_limit_error", "Rate limit reached.").ConfigureAwait(false);
                return;
            case FakeLlmFault.ServerError:
                await WriteErrorAsync(context, wire, 500, "api_error", "Internal server error.").ConfigureAwait(false);
                return;
            case FakeLlmFault.ServiceUnavailable:
                await WriteErrorAsync(context, wire, 503, "overloaded_error", "Service unavailable.").ConfigureAwait(false);
                return;
            case FakeLlmFault.BadRequest:
                await WriteErrorAsync(context, wire, 400, "invalid_request_error", "The request is invalid.").ConfigureAwait(false);
                return;
            case FakeLlmFault.Unauthorized:
                string masked = request.ApiKey is { Length: > 8 } k ? k[..5] + "*****" + k[^4..] : "none";
                await WriteErrorAsync(context, wire, 401, "authentication_error", $"Incorrect API key provided: {masked}.").ConfigureAwait(false);
                return;
            case FakeLlmFault.NotFound:
                await WriteErrorAsync(context, wire, 404, "not_found_error", $"The model '{request.Model}' does not exist.").ConfigureAwait(false);
                return;
            case FakeLlmFault.Slow:
                await Task.Delay(SlowDelay, token).ConfigureAwait(false);
                break;
        }

        string text = await ReplyTextAsync(request, token).ConfigureAwait(false);
        string finish = "stop";
        if (request.Fault == FakeLlmFault.MalformedContent)
        {
            text = text.Replace("\":", "\" ", StringComparison.Ordinal) + " trailing words";
        }
        else if (request.Fault == FakeLlmFault.TruncatedContent)
        {
            text = text[..(text.Length / 2)];
            finish = "length";
        }
        else if (request.Fault == FakeLlmFault.EmptyContent)
        {
            text = string.Empty;
        }

        long input = (request.Prompt.Length + 3) / 4;
        long output = (text.Length + 3) / 4;
        string envelope = wire == "openai" ? OpenAIEnvelope(request, text, finish, input, output) : AnthropicEnvelope(request, text, finish, input, output);
        byte[] bytes = Encoding.UTF8.GetBytes(envelope);
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        if (request.Fault == FakeLlmFault.MalformedBody)
        {
            await context.Response.WriteAsync("{\"id\": \"broken\", \"choices\": [ this is not json", token).ConfigureAwait(false);
            return;
        }

        context.Response.ContentLength = bytes.Length;
        if (request.Fault == FakeLlmFault.TruncatedBody)
        {
            await context.Response.Body.WriteAsync(bytes.AsMemory(0, bytes.Length / 2), token).ConfigureAwait(false);
            await context.Response.Body.FlushAsync(token).ConfigureAwait(false);
            context.Abort();
            return;
        }

        await context.Response.Body.WriteAsync(bytes, token).ConfigureAwait(false);
    }

    private async Task<string> ReplyTextAsync(FakeLlmRequest request, CancellationToken token)
    {
        if (Script is { } script)
        {
            return script(request);
        }

        string? question = Section(request.Prompt, PromptProtocol.QuestionTag);
        ItemContext? item = question is not null && GroundTruths.TryGetValue(question, out var truth)
            ? new ItemContext(ItemId.Compute(question, truth), question, truth)
            : null;
        using var scope = item is null ? default : ItemContext.Enter(item);
        var response = await _simulated.GetResponseAsync(request.Prompt, cancellationToken: token).ConfigureAwait(false);
        return response.Text;
    }

    private static string OpenAIEnvelope(FakeLlmRequest request, string text, string finish, long input, long output) => new JsonObject
    {
        ["id"] = $"chatcmpl-{request.Index}",
        ["object"] = "chat.completion",
        ["created"] = 1_700_000_000 + request.Index,
        ["model"] = request.Model ?? "fake",
        ["choices"] = new JsonArray(new JsonObject
        {
            ["index"] = 0,
            ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = text },
            ["finish_reason"] = finish,
        }),
        ["usage"] = new JsonObject { ["prompt_tokens"] = input, ["completion_tokens"] = output, ["total_tokens"] = input + output },
    }.ToJsonString();

    private static string AnthropicEnvelope(FakeLlmRequest request, string text, string finish, long input, long output) => new JsonObject
    {
        ["id"] = $"msg_{request.Index}",
        ["type"] = "message",
        ["role"] = "assistant",
        ["model"] = request.Model ?? "fake",
        ["content"] = new JsonArray(new JsonObject { ["type"] = "text", ["text"] = text }),
        ["stop_reason"] = finish == "length" ? "max_tokens" : "end_turn",
        ["stop_sequence"] = null,
        ["usage"] = new JsonObject { ["input_tokens"] = input, ["output_tokens"] = output },
    }.ToJsonString();

    private static Task WriteErrorAsync(HttpContext context, string wire, int status, string type, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        var error = wire == "openai"
            ? new JsonObject { ["error"] = new JsonObject { ["message"] = message, ["type"] = type, ["code"] = null } }
            : new JsonObject { ["type"] = "error", ["error"] = new JsonObject { ["type"] = type, ["message"] = message } };
        return context.Response.WriteAsync(error.ToJsonString(), context.RequestAborted);
    }

    private static string ReadPrompt(JsonElement root, string wire)
    {
        var parts = new List<string>();
        if (wire == "anthropic" && root.TryGetProperty("system", out var system))
        {
            parts.Add(ContentText(system));
        }

        if (root.TryGetProperty("messages", out var messages) && messages.ValueKind == JsonValueKind.Array)
        {
            foreach (var message in messages.EnumerateArray())
            {
                if (message.TryGetProperty("content", out var content))
                {
                    parts.Add(ContentText(content));
                }
            }
        }

        return string.Join("\n", parts);
    }

    private static string ContentText(JsonElement content) => content.ValueKind switch
    {
        JsonValueKind.String => content.GetString() ?? string.Empty,
        JsonValueKind.Array => string.Concat(content.EnumerateArray()
            .Where(p => p.TryGetProperty("text", out _))
            .Select(p => p.GetProperty("text").GetString())),
        _ => string.Empty,
    };

    private static int? ReadInt(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt32() : null;

    private static string? Section(string prompt, string tag)
    {
        string close = PromptProtocol.Close(tag);
        int end = prompt.LastIndexOf(close, StringComparison.Ordinal);
        int start = end < 0 ? -1 : prompt.LastIndexOf(PromptProtocol.Open(tag), end, StringComparison.Ordinal);
        return start < 0 ? null : prompt[(start + PromptProtocol.Open(tag).Length)..end].Trim();
    }
}
