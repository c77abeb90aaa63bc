using System.Text.Json;
using CotForge.Cli.Tests.Support;
using CotForge.TestUtilities.FakeLlm;

namespace CotForge.Cli.Tests.EndToEnd;

/// <summary>
/// The real executable against a real HTTP endpoint: the OpenAI-compatible fake server on 127.0.0.1, failing 20 % of
/// requests with 429/500/503. The provider, retries and accounting run exactly as they would against a hosted model.
/// </summary>
[Collection(nameof(EndToEndCollection))]
public sealed class FakeOpenAiServerTests : IDisposable
{
    private const string DummyKey = "sk-fake-e2e-0123456789abcdef";
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Run_OpenAiProviderWithTransientFailures_AccountsForEveryRow()
    {
        await using var server = await FakeLlmServer.StartAsync(seed: 5);
        server.FaultRate = 0.2;
        server.RetryAfterSeconds = 0;
        server.ExpectedApiKey = DummyKey;
        const int rows = 20;
        foreach (var line in File.ReadLines(RepoPaths.Sample("gsm8k-sample.jsonl")).Take(rows))
        {
            var json = JsonDocument.Parse(line).RootElement;
            string answer = json.GetProperty("answer").GetString()!;
            server.GroundTruths[json.GetProperty("question").GetString()!] = answer[(answer.LastIndexOf("####", StringComparison.Ordinal) + 4)..].Trim();
        }

        using var process = CotforgeProcess.Start(RepoPaths.Root, new Dictionary<string, string> { ["OPENAI_API_KEY"] = DummyKey },
            "run", "data-samples/gsm8k-sample.jsonl", "--limit", rows.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--provider", "openai", "--base-url", server.OpenAIBaseUrl, "--model", "fake-model",
            "--base-dir", _temp.Path, "--concurrency", "8");
        int exit = await process.WaitForExitAsync(TimeSpan.FromSeconds(90));

        string output = process.StandardOutput + process.StandardError;
        Assert.True(exit is 0 or 3, $"exit {exit}\n{output}");
        Assert.Matches($@"│ rows read\s+│\s+{rows} │ = the sum of the outcomes above", output);
        string dir = DatasetFiles.Dir(_temp.Path, "gsm8k-sample");
        var completed = DatasetFiles.Ids(Path.Combine(dir, "results.jsonl"));
        var failed = DatasetFiles.Ids(Path.Combine(dir, "errors.jsonl")).Distinct().Except(completed);
        Assert.Equal(completed.Count, completed.Distinct().Count());
        Assert.Equal(rows, completed.Count + failed.Count());
        Assert.Contains(server.Requests, r => r.Fault != FakeLlmFault.None);
        Assert.Contains("Tokens:", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Provider: simulated", output, StringComparison.Ordinal);
        Assert.DoesNotContain(DummyKey, output, StringComparison.Ordinal);
        Assert.All(Directory.EnumerateFiles(_temp.Path, "*", SearchOption.AllDirectories),
            file => Assert.DoesNotContain(DummyKey, File.ReadAllText(file), StringComparison.Ordinal));
    }
}
