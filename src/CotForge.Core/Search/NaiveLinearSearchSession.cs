using CotForge.Core.Reasoning;

namespace CotForge.Core.Search;

/// <summary>The step machine of <see cref="NaiveLinearSearch"/>: advance = one step, verify = judge it.</summary>
internal sealed class NaiveLinearSearchSession : SearchSessionBase
{
    private readonly NaiveLinearSearchOptions _options;
    private ReasoningNode? _root;
    private ReasoningNode? _current;
    private ReasoningNode? _pending;

    public NaiveLinearSearchSession(SearchRequest request, SearchServices services, NaiveLinearSearchOptions options)
        : base("naive_linear_search", request, services, options.ParseRetries)
    {
        _options = options;
    }

    /// <inheritdoc />
    public override bool NeedsVerification => _pending is not null;

    /// <inheritdoc />
    public override async ValueTask AdvanceAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfCannotAdvance();
        using var item = EnterItem();
        var strategy = _current is null ? Selector.PickInitial() : Selector.PickContinuations(_current.Depth + 1, 1)[0];
        var step = await GenerateAsync(strategy, _current, cancellationToken).ConfigureAwait(false);
        var node = CreateNode(step, _current);
        _root ??= node;
        _current = node;
        _pending = node;
    }

    /// <inheritdoc />
    public override async ValueTask VerifyAsync(CancellationToken cancellationToken = default)
    {
        var node = _pending ?? throw new InvalidOperationException("There is no step waiting for verification; call AdvanceAsync first.");
        using var item = EnterItem();
        bool verified = await VerifyNodeAsync(node, cancellationToken).ConfigureAwait(false);
        _pending = null;
        if (verified)
        {
            Complete(_root!, [node], "verified");
        }
        else if (node.Depth >= _options.MaxDepth)
        {
            // The chain ends unverified; its last node is still the end of the chain.
            node.IsFinal = true;
            Complete(_root!, [node], "max_depth_reached");
        }
    }
}
