using System.Text.Json.Nodes;
using CotForge.Core.Items;
using CotForge.Core.Llm;
using CotForge.Core.Parsing;
using CotForge.Core.Prompts;
using CotForge.Core.Reasoning;
using CotForge.Core.Strategies;
using CotForge.Core.Verification;

namespace CotForge.Core.Search;

/// <summary>What both searches share: node ids, strategy choice, generating a step, verifying a node, the result.</summary>
internal abstract class SearchSessionBase : SearchSession
{
    private int _nextId;
    private SearchResult? _result;

    protected SearchSessionBase(string algorithm, SearchRequest request, SearchServices services, int parseRetries)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(request.Question);
        ArgumentNullException.ThrowIfNull(request.GroundTruth);
        ArgumentNullException.ThrowIfNull(services.SearchClient);
        ArgumentNullException.ThrowIfNull(services.Verifier);
        ArgumentNullException.ThrowIfNull(services.Strategies);
        if (services.Strategies.InitialStrategies().Count == 0)
        {
            throw new ArgumentException("The strategy registry has no initial strategy; register one with IsInitial = true (e.g. 'initialize').", nameof(services));
        }

        Algorithm = algorithm;
        Request = request;
        Services = services;
        ParseRetries = parseRetries;
        Selector = new StrategySelector(services.Strategies, request.Seed);
    }

    protected string Algorithm { get; }

    protected SearchRequest Request { get; }

    protected SearchServices Services { get; }

    protected int ParseRetries { get; }

    protected StrategySelector Selector { get; }

    /// <inheritdoc />
    public override bool IsComplete => _result is not null;

    /// <inheritdoc />
    public override SearchResult Result =>
        _result ?? throw new InvalidOperationException("The search is not complete; keep calling AdvanceAsync/VerifyAsync until IsComplete.");

    /// <summary>Enters the ambient item for the duration of an advance or verification, unless the caller did.</summary>
    protected IDisposable? EnterItem() => ItemScope.EnterIfNeeded(Request.Question, Request.GroundTruth);

    protected void ThrowIfCannotAdvance()
    {
        if (IsComplete)
        {
            throw new InvalidOperationException("The search is already complete.");
        }

        if (NeedsVerification)
        {
            throw new InvalidOperationException("The last step must be verified (VerifyAsync) before the search can advance.");
        }
    }

    protected ReasoningNode CreateNode(GeneratedStep step, ReasoningNode? parent) =>
        new("n" + _nextId++, step.Strategy.Name, step.Prompt, step.Response, step.Cot, parent, step.Metadata);

    /// <summary>Asks the search model for one step under <paramref name="strategy"/>, retrying replies that do not parse.</summary>
    protected async Task<GeneratedStep> GenerateAsync(Strategy strategy, ReasoningNode? parent, CancellationToken cancellationToken)
    {
        string prompt = PromptTemplates.StrategyStep(Request.Question, parent?.FullCot() ?? [], strategy);
        var parsed = await ChatCall.AskAsync(
            Services.SearchClient,
            prompt,
            Services.SearchOptions,
            Services.TimeProvider,
            text => ResponseParser.ParseCot(text),
            ParseRetries,
            FailureStages.Search,
            FailureKinds.UnparseableOutput,
            $"The '{strategy.Name}' step at depth {(parent?.Depth ?? -1) + 1}",
            cancellationToken).ConfigureAwait(false);
        var metadata = parsed.ToMetadata();
        if (parsed.Repairs.Count > 0)
        {
            metadata["parse_repairs"] = new JsonArray([.. parsed.Repairs.Select(r => (JsonNode?)JsonValue.Create(r))]);
        }

        return new GeneratedStep(strategy, prompt, parsed.Last.Text, parsed.Value, metadata);
    }

    /// <summary>Verifies one node, records the verdict in its metadata, and flags it final and successful when verified.</summary>
    protected async Task<bool> VerifyNodeAsync(ReasoningNode node, CancellationToken cancellationToken)
    {
        var verifier = Services.Verifier;
        long started = Services.TimeProvider.GetTimestamp();
        VerificationResult verdict;
        try
        {
            verdict = await verifier.VerifyAsync(
                new VerificationRequest(Request.Question, Request.GroundTruth, node.FinalAnswer, node), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not ReasoningFailureException)
        {
            throw new ReasoningFailureException(
                FailureStages.Verify, "verifier_error", $"The verifier '{verifier.Name}' failed on node '{node.Id}': {ex.Message}", 1, ex);
        }

        node.Metadata["verifier"] = verifier.Name;
        node.Metadata["verified"] = verdict.Verified;
        node.Metadata["verification"] = verdict.Explanation;
        node.Metadata["verification_ms"] = Math.Round(Services.TimeProvider.GetElapsedTime(started).TotalMilliseconds, 3);
        if (verdict.Verified)
        {
            node.Success = true;
            node.IsFinal = true;
        }

        return verdict.Verified;
    }

    protected void Complete(ReasoningNode root, IReadOnlyList<ReasoningNode> terminal, string reason)
    {
        int depth = 0;
        int nodes = 0;
        var queue = new Queue<ReasoningNode>([root]);
        while (queue.Count > 0)
        {
            var node = queue.Dequeue();
            nodes++;
            depth = Math.Max(depth, node.Depth);
            foreach (var child in node.Children)
            {
                queue.Enqueue(child);
            }
        }

        var metadata = new JsonObject
        {
            ["algorithm"] = Algorithm,
            ["seed"] = Request.Seed,
            ["reason"] = reason,
            ["depth"] = depth,
            ["node_count"] = nodes,
        };
        _result = new SearchResult(Request.Question, Request.GroundTruth, terminal.Any(n => n.Success), terminal, metadata, [root]);
    }
}
