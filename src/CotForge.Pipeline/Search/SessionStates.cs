using CotForge.Pipeline.Items;

namespace CotForge.Pipeline.Search;

/// <summary>Reads where an item goes after a stage touched its session, and keeps the result once it is complete.</summary>
internal static class SessionStates
{
    public static SessionState After(WorkItem item)
    {
        var session = item.Session!;
        if (session.NeedsVerification)
        {
            return SessionState.NeedsVerification;
        }

        if (!session.IsComplete)
        {
            return SessionState.NeedsAdvance;
        }

        item.Result = session.Result;
        // The tree now lives in the result; dropping the session frees its working state early.
        item.Session = null;
        return SessionState.Complete;
    }
}
