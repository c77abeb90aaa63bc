using BenchmarkDotNet.Attributes;
using CotForge.Core.Items;
using CotForge.Llm;
using CotForge.Llm.Simulation;
using Microsoft.Extensions.AI;

namespace CotForge.Benchmarks.Llm;

/// <summary>
/// What the middleware stack costs per call: the bare simulated client at zero latency (baseline) against the same
/// client behind the factory's full stack (defaults, budget, accounting, retry, circuit breaker, adaptive concurrency,
/// RPM/TPM limits, timeout), with and without the SQLite response cache answering.
/// </summary>
[MemoryDiagnoser]
public class MiddlewareOverheadBenchmark : IDisposable
{
    private const string Question = "A baker makes 24 rolls and sells 17. How many are left?";

    private readonly List<ChatMessage> _messages =
    [
        new(ChatRole.User, "[cotforge:strategy-step]\nContinue the reasoning.\n<question>\n" + Question + "\n</question>\n<previous_reasoning>\n[]\n</previous_reasoning>\n<strategy>\nStart.\n</strategy>"),
    ];

    private readonly ItemContext _item = new(ItemId.Compute(Question, "7"), Question, "7");
    private string _directory = null!;
    private SimulatedChatClient _bare = null!;
    private LlmClientFactory _factory = null!;
    private LlmClientFactory _cachedFactory = null!;
    private IChatClient _stack = null!;
    private IChatClient _cached = null!;

    [GlobalSetup]
    public void Setup()
    {
        _directory = Directory.CreateTempSubdirectory("cotforge-bench-").FullName;
        _bare = new SimulatedChatClient(new SimulationOptions());
        var settings = new LlmRoleSettings { RequestsPerMinute = int.MaxValue / 2, TokensPerMinute = int.MaxValue / 2 };
        _factory = new LlmClientFactory(new LlmRuntimeOptions { Budget = new LlmBudget { MaxTotalTokens = long.MaxValue } });
        _stack = _factory.Create(LlmRoles.Search, settings);
        _cachedFactory = new LlmClientFactory(new LlmRuntimeOptions { CachePath = Path.Combine(_directory, "cache.sqlite") });
        _cached = _cachedFactory.Create(LlmRoles.Search, settings);
        using var scope = ItemContext.Enter(_item);
        _cached.GetResponseAsync(_messages).GetAwaiter().GetResult();
    }

    [Benchmark(Baseline = true)]
    public async Task<string> BareSimulatedClient()
    {
        using var scope = ItemContext.Enter(_item);
        return (await _bare.GetResponseAsync(_messages).ConfigureAwait(false)).Text;
    }

    [Benchmark]
    public async Task<string> FullMiddlewareStack()
    {
        using var scope = ItemContext.Enter(_item);
        return (await _stack.GetResponseAsync(_messages).ConfigureAwait(false)).Text;
    }

    [Benchmark]
    public async Task<string> FullStackServedFromCache()
    {
        using var scope = ItemContext.Enter(_item);
        return (await _cached.GetResponseAsync(_messages).ConfigureAwait(false)).Text;
    }

    [GlobalCleanup]
    public void Dispose()
    {
        _stack?.Dispose();
        _cached?.Dispose();
        _factory?.Dispose();
        _cachedFactory?.Dispose();
        _bare?.Dispose();
        if (_directory is not null && Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }

        GC.SuppressFinalize(this);
    }
}
