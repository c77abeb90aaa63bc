using CotForge.Core.Reasoning;

namespace CotForge.Core.Search;

/// <summary>
/// One item's search as a step machine, so that a pipeline can run generation and verification in separate
/// stages with their own parallelism. Protocol:
/// <c>while (!IsComplete) { await AdvanceAsync(ct); if (NeedsVerification) await VerifyAsync(ct); }</c>
/// </summary>
/// <remarks>
/// A session is driven by one caller at a time (calls must not overlap). Only <see cref="OperationCanceledException"/>
/// and <see cref="ReasoningFailureException"/> escape it; after either, the session should be abandoned.
/// </remarks>
public abstract class SearchSession
{
    /// <summary>True once the search has finished; <see cref="Result"/> is then valid.</summary>
    public abstract bool IsComplete { get; }

    /// <summary>True when the last advance produced nodes that must be verified before the next advance.</summary>
    public abstract bool NeedsVerification { get; }

    /// <summary>Generates (and, for beam search, scores) the next step; the candidates of one step run concurrently.</summary>
    /// <exception cref="InvalidOperationException">The session is complete or waiting for verification.</exception>
    public abstract ValueTask AdvanceAsync(CancellationToken cancellationToken = default);

    /// <summary>Verifies the nodes the last advance produced, concurrently.</summary>
    /// <exception cref="InvalidOperationException">There is nothing to verify.</exception>
    public abstract ValueTask VerifyAsync(CancellationToken cancellationToken = default);

    /// <summary>The finished tree.</summary>
    /// <exception cref="InvalidOperationException">The session is not complete yet.</exception>
    public abstract SearchResult Result { get; }

    /// <summary>Runs the protocol above until the search is complete and returns its result.</summary>
    public async ValueTask<SearchResult> RunToCompletionAsync(CancellationToken cancellationToken = default)
    {
        // Verifying first lets a caller that drove some steps by hand (or stopped between the two stages) finish here.
        while (!IsComplete)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (NeedsVerification)
            {
                await VerifyAsync(cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await AdvanceAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        return Result;
    }
}
