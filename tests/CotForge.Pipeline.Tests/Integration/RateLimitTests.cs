using System.Diagnostics;
using CotForge.Llm;
using CotForge.TestUtilities.FakeLlm;
using Microsoft.Extensions.Time.Testing;

namespace CotForge.Pipeline.Tests.Integration;

/// <summary>
/// RequestsPerMinute on the endpoint holds for a whole pipeline run over real HTTP. The LLM layer runs on a fake clock
/// (the pipeline on the real one), so a minute passes only when the test says so: while the clock stands still the
/// server must never see more than the limit, however much work is waiting.
/// </summary>
public sealed class RateLimitTests
{
    private const int RequestsPerMinute = 10;

    [Fact]
    public async Task BuildBatchAsync_RequestsPerMinuteOnTheEndpoint_NeverMoreThanTheLimitPerMinute()
    {
        using var dir = new TempDirectory();
        await using FakeLlmServer server = await FakeLlmServer.StartAsync(seed: 2);
        var (questions, answers) = IntegrationRun.Pairs(8);
        for (int i = 0; i < questions.Count; i++)
        {
            server.GroundTruths[questions[i]] = answers[i];
        }

        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        using var llm = new LlmClientFactory(new LlmRuntimeOptions { TimeProvider = clock, GetEnvironmentVariable = _ => "sk-rate-limit-test" });
        var settings = new LlmRoleSettings
        {
            Provider = LlmProviders.OpenAI,
            Model = "fake-model",
            BaseUrl = server.OpenAIBaseUrl,
            RequestsPerMinute = RequestsPerMinute,
            // Fake minutes pass in bulk below; a call's own timeout must not expire because of that.
            Timeout = TimeSpan.FromHours(1),
        };
        CotForgePipeline pipeline = IntegrationRun.Builder(dir.Path).WithLlm(llm, settings).Build();

        Task<RunSummary> run = pipeline.BuildBatchAsync(questions, answers);
        var perMinute = new List<int>();
        int seen = 0;
        while (!run.IsCompleted && perMinute.Count < 100)
        {
            int count = await SettleAsync(server, run, seen, seen + RequestsPerMinute);
            perMinute.Add(count - seen);
            seen = count;
            clock.Advance(TimeSpan.FromMinutes(1));
        }

        RunSummary summary = await run;
        Assert.Equal(StopReason.Completed, summary.StopReason);
        Assert.True(summary.CountsAddUp);
        Assert.Equal(8, summary.Succeeded + summary.Unverified);
        perMinute.Add(server.Requests.Count - seen);
        // Each entry is what reached the server during one minute of the endpoint's clock.
        Assert.True(perMinute.TrueForAll(n => n <= RequestsPerMinute), "requests per minute of the endpoint's clock: " + string.Join(", ", perMinute));
        Assert.Contains(RequestsPerMinute, perMinute);
        Assert.True(server.Requests.Count > 2 * RequestsPerMinute, $"the run must need several minutes' worth of requests; made {server.Requests.Count}");
    }

    /// <summary>
    /// Waits until the minute's permits are used up and have all reached the server (plus a moment, to catch any
    /// request beyond the limit), or, once this minute's first request arrived, until none has arrived for a while (the
    /// run's tail). Returns the request count. The clock is only advanced after this, so every request counted belongs
    /// to the minute that is ending: a permit granted now but still in flight would be counted in the next minute.
    /// </summary>
    private static async Task<int> SettleAsync(FakeLlmServer server, Task run, int seen, int limitReached)
    {
        var quiet = Stopwatch.StartNew();
        int last = server.Requests.Count;
        while (!run.IsCompleted)
        {
            await Task.Delay(5);
            int count = server.Requests.Count;
            if (count != last)
            {
                last = count;
                quiet.Restart();
            }

            bool full = count >= limitReached && quiet.ElapsedMilliseconds >= 100;
            bool tail = count > seen && quiet.ElapsedMilliseconds >= 500;
            // Nothing at all for this long: every item is between calls in the pipeline (or done); move on.
            bool idle = quiet.ElapsedMilliseconds >= 3000;
            if (full || tail || idle)
            {
                break;
            }
        }

        return server.Requests.Count;
    }
}
