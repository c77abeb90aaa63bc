namespace CotForge.Core.Search;

/// <summary>
/// Runs the calls of one step concurrently. The first failure cancels its siblings (no point paying for candidates
/// of a step that is failing anyway), and the error reported is the real one, not a sibling's cancellation.
/// </summary>
internal static class ConcurrentCalls
{
    public static async Task<T[]> RunAllAsync<T>(IReadOnlyList<Func<CancellationToken, Task<T>>> calls, CancellationToken cancellationToken)
    {
        if (calls.Count == 1)
        {
            return [await calls[0](cancellationToken).ConfigureAwait(false)];
        }

        using var siblings = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var tasks = new Task<T>[calls.Count];
        for (int i = 0; i < calls.Count; i++)
        {
            tasks[i] = Guard(calls[i], siblings);
        }

        try
        {
            return await Task.WhenAll(tasks).ConfigureAwait(false);
        }
        catch when (!cancellationToken.IsCancellationRequested)
        {
            var primary = tasks
                .Where(t => t.IsFaulted)
                .Select(t => t.Exception!.InnerException!)
                .FirstOrDefault(e => e is not OperationCanceledException);
            if (primary is not null)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(primary);
            }

            throw;
        }
    }

    private static async Task<T> Guard<T>(Func<CancellationToken, Task<T>> call, CancellationTokenSource siblings)
    {
        try
        {
            return await call(siblings.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await siblings.CancelAsync().ConfigureAwait(false);
            throw;
        }
    }
}
