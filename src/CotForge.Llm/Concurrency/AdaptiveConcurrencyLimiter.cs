namespace CotForge.Llm;

/// <summary>
/// The concurrency limit of one endpoint, adapted AIMD-style like TCP congestion control: a 429 halves the limit
/// (at most once per <see cref="DecreaseCooldown"/>, so one burst of 429s counts as one signal), each success raises
/// it by <c>1 / limit</c> (about one per limit's worth of successes) back up to <see cref="MaxLimit"/>. Calls beyond
/// the current limit wait in arrival order.
/// </summary>
public sealed class AdaptiveConcurrencyLimiter
{
    private readonly Lock _gate = new();
    private readonly LinkedList<Waiter> _waiters = new();
    private readonly TimeProvider _timeProvider;
    private double _limit;
    private int _inFlight;
    private long _lastDecrease = long.MinValue;

    /// <summary>Creates a limiter starting at <paramref name="maxLimit"/>.</summary>
    /// <param name="maxLimit">Ceiling of the limit, and its starting value; at least 1.</param>
    /// <param name="timeProvider">Clock of the cooldown; default <see cref="TimeProvider.System"/>.</param>
    /// <param name="minLimit">Floor of the limit; default 1.</param>
    /// <param name="decreaseCooldown">Least time between two halvings; default 1 second.</param>
    public AdaptiveConcurrencyLimiter(int maxLimit, TimeProvider? timeProvider = null, int minLimit = 1, TimeSpan? decreaseCooldown = null)
    {
        if (minLimit < 1 || maxLimit < minLimit)
        {
            throw new LlmConfigurationException($"The concurrency limits must satisfy 1 <= min <= max; were min {minLimit} and max {maxLimit}.");
        }

        MaxLimit = maxLimit;
        MinLimit = minLimit;
        DecreaseCooldown = decreaseCooldown ?? TimeSpan.FromSeconds(1);
        _timeProvider = timeProvider ?? TimeProvider.System;
        _limit = maxLimit;
    }

    /// <summary>The ceiling (and starting value) of the limit.</summary>
    public int MaxLimit { get; }

    /// <summary>The floor of the limit.</summary>
    public int MinLimit { get; }

    /// <summary>Least time between two halvings.</summary>
    public TimeSpan DecreaseCooldown { get; }

    /// <summary>Calls allowed in flight right now.</summary>
    public int CurrentLimit
    {
        get
        {
            lock (_gate)
            {
                return (int)_limit;
            }
        }
    }

    /// <summary>Calls in flight right now.</summary>
    public int InFlight
    {
        get
        {
            lock (_gate)
            {
                return _inFlight;
            }
        }
    }

    /// <summary>Calls waiting for a slot right now.</summary>
    public int Waiting
    {
        get
        {
            lock (_gate)
            {
                return _waiters.Count;
            }
        }
    }

    /// <summary>Waits for a slot; release it with <see cref="Release"/> exactly once.</summary>
    internal ValueTask AcquireAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Waiter waiter;
        lock (_gate)
        {
            if (_waiters.Count == 0 && _inFlight < (int)_limit)
            {
                _inFlight++;
                return ValueTask.CompletedTask;
            }

            waiter = new Waiter();
            waiter.Node = _waiters.AddLast(waiter);
        }

        if (cancellationToken.CanBeCanceled)
        {
            waiter.Registration = cancellationToken.Register(
                static state =>
                {
                    var (limiter, w, token) = ((AdaptiveConcurrencyLimiter, Waiter, CancellationToken))state!;
                    limiter.Cancel(w, token);
                },
                (this, waiter, cancellationToken));
        }

        return new ValueTask(waiter.Completion.Task);
    }

    /// <summary>Frees a slot and adapts the limit to the call's outcome.</summary>
    internal void Release(CallOutcome outcome)
    {
        List<Waiter>? admitted = null;
        lock (_gate)
        {
            _inFlight--;
            if (outcome == CallOutcome.Throttled)
            {
                long now = _timeProvider.GetTimestamp();
                if (_lastDecrease == long.MinValue || _timeProvider.GetElapsedTime(_lastDecrease, now) >= DecreaseCooldown)
                {
                    _limit = Math.Max(MinLimit, Math.Floor(_limit / 2));
                    _lastDecrease = now;
                }
            }
            else if (outcome == CallOutcome.Succeeded)
            {
                _limit = Math.Min(MaxLimit, _limit + (1.0 / _limit));
            }

            while (_waiters.Count > 0 && _inFlight < (int)_limit)
            {
                var next = _waiters.First!.Value;
                _waiters.RemoveFirst();
                next.Node = null;
                _inFlight++;
                (admitted ??= []).Add(next);
            }
        }

        // Completing outside the lock: continuations run asynchronously anyway, but disposing registrations must not
        // happen under our lock (a racing cancellation callback takes it).
        foreach (var waiter in admitted ?? [])
        {
            waiter.Registration.Dispose();
            waiter.Completion.TrySetResult();
        }
    }

    private void Cancel(Waiter waiter, CancellationToken token)
    {
        lock (_gate)
        {
            if (waiter.Node is null)
            {
                return; // Already admitted: the caller owns a slot and will release it.
            }

            _waiters.Remove(waiter.Node);
            waiter.Node = null;
        }

        waiter.Completion.TrySetCanceled(token);
    }

    /// <summary>How a call ended, as far as the limit is concerned.</summary>
    internal enum CallOutcome
    {
        /// <summary>Answered: raise the limit a little.</summary>
        Succeeded,

        /// <summary>HTTP 429: halve the limit.</summary>
        Throttled,

        /// <summary>Anything else (errors, cancellation): leave the limit alone.</summary>
        Neutral,
    }

    private sealed class Waiter
    {
        public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public LinkedListNode<Waiter>? Node { get; set; }

        public CancellationTokenRegistration Registration { get; set; }
    }
}
