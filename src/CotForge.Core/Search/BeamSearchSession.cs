using CotForge.Core.Reasoning;
using CotForge.Core.Scoring;
using CotForge.Core.Strategies;

namespace CotForge.Core.Search;

/// <summary>
/// The step machine of <see cref="BeamSearch"/>. Advance: the root, or one expansion of every live beam (candidates
/// generated concurrently, then scored and cut down to the free beam slots). Verify: the nodes just kept.
/// </summary>
internal sealed class BeamSearchSession : SearchSessionBase
{
    private readonly BeamSearchOptions _options;
    private readonly IScorer _scorer;
    private ReasoningNode? _root;
    private List<ReasoningNode> _beams = [];
    private IReadOnlyList<ReasoningNode>? _pending;

    public BeamSearchSession(SearchRequest request, SearchServices services, BeamSearchOptions options)
        : base("beam_search", request, services, options.ParseRetries)
    {
        _options = options;
        _scorer = services.Scorer
            ?? throw new ArgumentException("Beam search needs SearchServices.Scorer to rank candidates (e.g. LlmProbabilityScorer).", nameof(services));
    }

    /// <inheritdoc />
    public override bool NeedsVerification => _pending is not null;

    /// <inheritdoc />
    public override async ValueTask AdvanceAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfCannotAdvance();
        using var item = EnterItem();
        if (_root is null)
        {
            var step = await GenerateAsync(Selector.PickInitial(), null, cancellationToken).ConfigureAwait(false);
            _root = CreateNode(step, null);
            _beams = [_root];
            _pending = [_root];
            return;
        }

        var active = _beams.Where(b => !b.IsFinal).ToList();
        int finished = _beams.Count - active.Count;
        int slots = Math.Max(1, _options.BeamWidth - finished);
        int depth = active[0].Depth + 1;

        // From the single root, enough candidates are drawn to fill every beam even when BranchingFactor < BeamWidth.
        int perBeam = Math.Max(_options.BranchingFactor, (slots + active.Count - 1) / active.Count);
        var plan = new List<(ReasoningNode Beam, Strategy Strategy)>();
        foreach (var beam in active)
        {
            foreach (var strategy in Selector.PickContinuations(depth, perBeam))
            {
                plan.Add((beam, strategy));
            }
        }

        var steps = await ConcurrentCalls.RunAllAsync(
            plan.Select(p => (Func<CancellationToken, Task<GeneratedStep>>)(ct => GenerateAsync(p.Strategy, p.Beam, ct))).ToList(),
            cancellationToken).ConfigureAwait(false);

        // Nodes are created after all replies are in, in plan order, so ids and child order do not depend on timing.
        var candidates = new List<ReasoningNode>(steps.Length);
        for (int i = 0; i < steps.Length; i++)
        {
            candidates.Add(CreateNode(steps[i], plan[i].Beam));
        }

        var kept = candidates.Count <= slots ? candidates : await SelectAsync(candidates, slots, cancellationToken).ConfigureAwait(false);
        foreach (var candidate in candidates)
        {
            candidate.Pruned = !kept.Contains(candidate);
        }

        _beams = [.. _beams.Where(b => b.IsFinal), .. kept];
        _pending = kept;
    }

    /// <inheritdoc />
    public override async ValueTask VerifyAsync(CancellationToken cancellationToken = default)
    {
        var pending = _pending ?? throw new InvalidOperationException("There are no nodes waiting for verification; call AdvanceAsync first.");
        using var item = EnterItem();
        await ConcurrentCalls.RunAllAsync(
            pending.Select(n => (Func<CancellationToken, Task<bool>>)(ct => VerifyNodeAsync(n, ct))).ToList(),
            cancellationToken).ConfigureAwait(false);
        _pending = null;

        if (_beams.All(b => b.IsFinal))
        {
            Complete(_root!, _beams, _beams.Any(b => b.Success) ? "verified" : "all_beams_final");
            return;
        }

        int depth = _beams.Where(b => !b.IsFinal).Max(b => b.Depth);
        if (depth >= _options.MaxDepth)
        {
            // Depth is spent: every live beam ends here, unverified.
            foreach (var beam in _beams)
            {
                beam.IsFinal = true;
            }

            Complete(_root!, _beams, _beams.Any(b => b.Success) ? "verified" : "max_depth_reached");
        }
    }

    private async Task<List<ReasoningNode>> SelectAsync(List<ReasoningNode> candidates, int slots, CancellationToken cancellationToken)
    {
        var request = new ScoringRequest(Request.Question, Request.GroundTruth, candidates.ConvertAll(c => new ScoringOption(c.Id, c.FinalAnswer)));
        IReadOnlyDictionary<string, double> scores;
        try
        {
            scores = await _scorer.ScoreAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not ReasoningFailureException)
        {
            throw new ReasoningFailureException(FailureStages.Score, "scorer_error", $"The scorer '{_scorer.Name}' failed: {ex.Message}", 1, ex);
        }

        foreach (var candidate in candidates)
        {
            candidate.Metadata["score"] = scores.TryGetValue(candidate.Id, out double s) ? s : 0;
        }

        // Highest score first; ties keep generation order, so the choice is reproducible.
        return candidates
            .Select((c, i) => (Node: c, Index: i, Score: scores.TryGetValue(c.Id, out double s) ? s : 0))
            .OrderByDescending(x => x.Score)
            .ThenBy(x => x.Index)
            .Take(slots)
            .Select(x => x.Node)
            .ToList();
    }
}
