using CotForge.Core.Items;
using CotForge.Core.Search;
using CotForge.Pipeline.Items;
using CotForge.Pipeline.Search;

namespace CotForge.Pipeline.Verify;

/// <summary>
/// Verification of the nodes an item's last advance produced (<see cref="SearchSession.VerifyAsync"/>). Never throws:
/// failures and cancellation become the outcome.
/// </summary>
internal sealed class VerifyStage
{
    public const string Name = FailureStages.Verify;

    public async ValueTask<Outcome<SessionState>> VerifyAsync(WorkItem item, CancellationToken cancellationToken)
    {
        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            using (ItemContext.Enter(item.Context))
            {
                await item.Session!.VerifyAsync(cancellationToken).ConfigureAwait(false);
            }

            return Outcome<SessionState>.Success(SessionStates.After(item));
        }
        catch (Exception ex)
        {
            item.Session = null;
            return Outcome<SessionState>.Failed(FailureClassifier.Classify(ex, Name, cancellationToken));
        }
    }
}
