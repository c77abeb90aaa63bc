using CotForge.Core.Items;
using CotForge.Core.Search;
using CotForge.Pipeline.Items;

namespace CotForge.Pipeline.Search;

/// <summary>
/// One generation step of an item's search (<see cref="SearchSession.AdvanceAsync"/>), creating the session on the
/// item's first visit. Never throws: failures and cancellation become the outcome.
/// </summary>
internal sealed class SearchStage(ISearchAlgorithm algorithm, SearchServices services)
{
    public const string Name = FailureStages.Search;

    public async ValueTask<Outcome<SessionState>> AdvanceAsync(WorkItem item, CancellationToken cancellationToken)
    {
        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            using (ItemContext.Enter(item.Context))
            {
                item.Session ??= algorithm.CreateSession(new SearchRequest(item.Question, item.GroundTruth, item.Seed), services);
                await item.Session.AdvanceAsync(cancellationToken).ConfigureAwait(false);
            }

            item.Advances++;
            return Outcome<SessionState>.Success(SessionStates.After(item));
        }
        catch (Exception ex)
        {
            item.Session = null;
            return Outcome<SessionState>.Failed(FailureClassifier.Classify(ex, Name, cancellationToken));
        }
    }
}
