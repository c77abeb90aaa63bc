using System.Globalization;
using System.Text.Json.Nodes;
using CotForge.Core.PostProcessing;
using CotForge.Core.Scoring;
using CotForge.Core.Search;
using CotForge.Core.Strategies;
using CotForge.Core.Verification;
using CotForge.Llm;
using CotForge.Storage;
using Microsoft.Extensions.AI;

namespace CotForge.Pipeline;

/// <summary>
/// Configures a <see cref="CotForgePipeline"/>: the search algorithm, verifier, scorer and post-processor, the LLM
/// client of each role, the dataset directory and the stages' parallelism. <see cref="Build"/> checks everything
/// once and reports every problem in one message.
/// </summary>
/// <example>
/// <code>
/// using var llm = new LlmClientFactory(new LlmRuntimeOptions());
/// var pipeline = new CotForgePipelineBuilder()
///     .WithDataset("gsm8k", baseDirectory: "data")
///     .WithSearch(new NaiveLinearSearch())
///     .WithLlm(llm, new LlmRoleSettings { Provider = "simulated" })
///     .Configure(o => o.MaxItemsInFlight = 512)
///     .Build();
/// RunSummary summary = await pipeline.BuildBatchAsync(questions, answers);
/// </code>
/// </example>
public sealed class CotForgePipelineBuilder
{
    private readonly PipelineOptions _options = new();
    private readonly JsonObject _llmDescription = [];
    private JsonObject? _operational;
    private string? _datasetName;
    private string _baseDirectory = "data";
    private ISearchAlgorithm _search = new NaiveLinearSearch();
    private StrategyRegistry? _strategies;
    private IChatClient? _searchClient;
    private ChatOptions? _searchOptions;
    private IVerifier? _verifier;
    private Func<IVerifier>? _defaultVerifier;
    private IScorer? _scorer;
    private Func<IScorer>? _defaultScorer;
    private ReasoningPostProcessor? _postProcessor;
    private Func<ReasoningPostProcessor>? _defaultPostProcessor;
    private WriterOptions? _writerOptions;
    private PersistenceOptions? _persistenceOptions;
    private TokenLedger? _ledger;
    private BudgetTracker? _budget;
    private TimeProvider _timeProvider = TimeProvider.System;

    /// <summary>The dataset: results go to <c>&lt;baseDirectory&gt;/&lt;datasetName&gt;/&lt;search name&gt;</c>. Required; base default <c>data</c>.</summary>
    public CotForgePipelineBuilder WithDataset(string datasetName, string baseDirectory = "data")
    {
        _datasetName = datasetName;
        _baseDirectory = baseDirectory;
        return this;
    }

    /// <summary>The search algorithm. Default <see cref="NaiveLinearSearch"/> with its defaults.</summary>
    public CotForgePipelineBuilder WithSearch(ISearchAlgorithm search)
    {
        _search = search ?? throw new ArgumentNullException(nameof(search));
        return this;
    }

    /// <summary>The strategies the search may use. Default <see cref="StrategyRegistry.CreateDefault"/>.</summary>
    public CotForgePipelineBuilder WithStrategies(StrategyRegistry strategies)
    {
        _strategies = strategies ?? throw new ArgumentNullException(nameof(strategies));
        return this;
    }

    /// <summary>The search model's client (role <c>search</c>). Required, unless given through <see cref="WithLlm"/>.</summary>
    public CotForgePipelineBuilder WithSearchClient(IChatClient client, ChatOptions? options = null)
    {
        _searchClient = client ?? throw new ArgumentNullException(nameof(client));
        _searchOptions = options;
        return this;
    }

    /// <summary>The verifier (e.g. <see cref="ExactMatchVerifier"/>, <see cref="NumericVerifier"/>). Required, unless an LLM judge is configured.</summary>
    public CotForgePipelineBuilder WithVerifier(IVerifier verifier)
    {
        _verifier = verifier ?? throw new ArgumentNullException(nameof(verifier));
        return this;
    }

    /// <summary>An LLM judge on <paramref name="client"/> (role <c>verifier</c>); <paramref name="strict"/> for the strict judge.</summary>
    public CotForgePipelineBuilder WithLlmJudge(IChatClient client, ChatOptions? options = null, bool strict = false)
    {
        ArgumentNullException.ThrowIfNull(client);
        _verifier = new LlmJudgeVerifier(client, options, strict);
        return this;
    }

    /// <summary>The scorer ranking beam-search candidates. Required by <see cref="BeamSearch"/>.</summary>
    public CotForgePipelineBuilder WithScorer(IScorer scorer)
    {
        _scorer = scorer ?? throw new ArgumentNullException(nameof(scorer));
        return this;
    }

    /// <summary>An LLM probability scorer on <paramref name="client"/> (role <c>scorer</c>).</summary>
    public CotForgePipelineBuilder WithScorerClient(IChatClient client, ChatOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        _scorer = new LlmProbabilityScorer(client, options);
        return this;
    }

    /// <summary>The post-processor. Default none: items are stored with no post-processed chains.</summary>
    public CotForgePipelineBuilder WithPostProcessor(ReasoningPostProcessor processor)
    {
        _postProcessor = processor ?? throw new ArgumentNullException(nameof(processor));
        return this;
    }

    /// <summary>A post-processor on <paramref name="client"/> (role <c>post_processing</c>).</summary>
    public CotForgePipelineBuilder WithPostProcessingClient(IChatClient client, ChatOptions? options = null, PostProcessingOptions? settings = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        _postProcessor = new ReasoningPostProcessor(client, options, settings);
        return this;
    }

    /// <summary>
    /// Every role's client from <paramref name="factory"/> (provider plus middleware: retries, rate limits, token
    /// accounting, budget). Roles without settings use <paramref name="search"/>'s. The verifier becomes an LLM judge
    /// (strict when <paramref name="strictJudge"/>), the scorer an LLM probability scorer and the post-processor an
    /// LLM post-processor, unless set explicitly. The factory's token ledger feeds progress and the summary, and its
    /// budget stops intake when spent. Settings are recorded in config.json, never an API key: each role's, and the
    /// simulated provider's seed and correctness, under <c>llm</c>; the budget, prices and simulated latency and faults
    /// under <c>operational</c>, which a resume may change without <c>--allow-config-change</c>.
    /// </summary>
    public CotForgePipelineBuilder WithLlm(
        LlmClientFactory factory,
        LlmRoleSettings search,
        LlmRoleSettings? verifier = null,
        LlmRoleSettings? scorer = null,
        LlmRoleSettings? postProcessing = null,
        bool strictJudge = false)
    {
        ArgumentNullException.ThrowIfNull(factory);
        ArgumentNullException.ThrowIfNull(search);
        verifier ??= search;
        scorer ??= search;
        postProcessing ??= search;
        _searchClient = factory.Create(LlmRoles.Search, search);
        _searchOptions = null;
        _defaultVerifier = () => new LlmJudgeVerifier(factory.Create(LlmRoles.Verifier, verifier), null, strictJudge);
        _defaultScorer = () => new LlmProbabilityScorer(factory.Create(LlmRoles.Scorer, scorer));
        _defaultPostProcessor = () => new ReasoningPostProcessor(factory.Create(LlmRoles.PostProcessing, postProcessing));
        _llmDescription.Clear();
        _llmDescription[LlmRoles.Search] = search.Describe();
        _llmDescription[LlmRoles.Verifier] = verifier.Describe();
        _llmDescription[LlmRoles.Scorer] = scorer.Describe();
        _llmDescription[LlmRoles.PostProcessing] = postProcessing.Describe();
        bool simulated = new[] { search, verifier, scorer, postProcessing }.Any(s => s.Provider == LlmProviders.Simulated);
        if (simulated)
        {
            _llmDescription["simulation"] = factory.DescribeSimulation();
        }

        _operational = factory.DescribeOperational(simulated);
        _ledger = factory.Ledger;
        _budget = factory.Budget;
        return this;
    }

    /// <summary>A token ledger to report in progress and the summary, when clients are not built by <see cref="WithLlm"/>.</summary>
    public CotForgePipelineBuilder WithTokenLedger(TokenLedger ledger)
    {
        _ledger = ledger ?? throw new ArgumentNullException(nameof(ledger));
        return this;
    }

    /// <summary>A budget whose exhaustion stops intake, when clients are not built by <see cref="WithLlm"/>.</summary>
    public CotForgePipelineBuilder WithBudget(BudgetTracker budget)
    {
        _budget = budget ?? throw new ArgumentNullException(nameof(budget));
        return this;
    }

    /// <summary>Adjusts parallelism, capacities, timing and the seed (see <see cref="PipelineOptions"/> for defaults).</summary>
    public CotForgePipelineBuilder Configure(Action<PipelineOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        configure(_options);
        return this;
    }

    /// <summary>Group commit and durability of the writer. Default <see cref="WriterOptions"/>'s defaults (fsync per group).</summary>
    public CotForgePipelineBuilder WithWriterOptions(WriterOptions options)
    {
        _writerOptions = options ?? throw new ArgumentNullException(nameof(options));
        return this;
    }

    /// <summary>Options for opening the dataset directory. Default <see cref="PersistenceOptions"/>'s defaults.</summary>
    public CotForgePipelineBuilder WithPersistenceOptions(PersistenceOptions options)
    {
        _persistenceOptions = options ?? throw new ArgumentNullException(nameof(options));
        return this;
    }

    /// <summary>The clock for progress, grace periods, batching and timestamps. Default <see cref="TimeProvider.System"/>.</summary>
    public CotForgePipelineBuilder WithTimeProvider(TimeProvider timeProvider)
    {
        _timeProvider = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
        return this;
    }

    /// <summary>Checks every setting and builds the pipeline.</summary>
    /// <exception cref="ArgumentException">One message naming every missing component and every bad option with its value.</exception>
    public CotForgePipeline Build()
    {
        var errors = new OptionErrors();
        try
        {
            _options.Validate();
        }
        catch (ArgumentException ex)
        {
            errors.Add(ex.Message);
        }

        DatasetLocation? location = null;
        if (string.IsNullOrWhiteSpace(_datasetName))
        {
            errors.Add("A dataset name is required: call WithDataset(name, baseDirectory).");
        }
        else
        {
            try
            {
                location = DatasetLocation.Create(_baseDirectory, _datasetName, _search.Name);
            }
            catch (ArgumentException ex)
            {
                errors.Add(ex.Message);
            }
        }

        if (_searchClient is null)
        {
            errors.Add("A search model is required: call WithSearchClient(client) or WithLlm(factory, settings).");
        }

        IVerifier? verifier = _verifier ?? _defaultVerifier?.Invoke();
        if (verifier is null)
        {
            errors.Add("A verifier is required: call WithVerifier(verifier), WithLlmJudge(client) or WithLlm(factory, settings).");
        }

        bool needsScorer = _search is BeamSearch;
        IScorer? scorer = _scorer ?? (needsScorer ? _defaultScorer?.Invoke() : null);
        if (needsScorer && scorer is null)
        {
            errors.Add($"'{_search.Name}' needs a scorer: call WithScorer(scorer), WithScorerClient(client) or WithLlm(factory, settings).");
        }

        errors.ThrowIfAny("pipeline configuration");
        ReasoningPostProcessor? postProcessor = _postProcessor ?? _defaultPostProcessor?.Invoke();
        StrategyRegistry strategies = _strategies ?? StrategyRegistry.CreateDefault();
        var services = new SearchServices
        {
            SearchClient = _searchClient!,
            SearchOptions = _searchOptions,
            Verifier = verifier!,
            Scorer = scorer,
            Strategies = strategies,
            TimeProvider = _timeProvider,
        };
        var config = new JsonObject
        {
            ["dataset_name"] = location!.DatasetName,
            ["search_name"] = location.SearchName,
            ["created_at"] = _timeProvider.GetUtcNow().ToString("O", CultureInfo.InvariantCulture),
            ["search"] = _search.Describe(),
            ["verifier"] = verifier!.Describe(),
            ["scorer"] = scorer?.Describe(),
            ["strategy_registry"] = strategies.Describe(),
            ["post_processor"] = postProcessor?.Describe(),
            ["seed"] = _options.Seed,
        };
        if (_llmDescription.Count > 0)
        {
            config["llm"] = _llmDescription.DeepClone();
        }

        if (_operational is not null)
        {
            config["operational"] = _operational.DeepClone();
        }

        return new CotForgePipeline(new PipelineComponents(
            location, _search, services, postProcessor, config, _options.Clone(), _writerOptions, _persistenceOptions, _ledger, _budget, _timeProvider));
    }
}
