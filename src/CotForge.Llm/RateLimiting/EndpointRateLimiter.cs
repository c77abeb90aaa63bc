using System.Diagnostics;
using System.Threading.RateLimiting;

namespace CotForge.Llm;

/// <summary>
/// Requests-per-minute and tokens-per-minute limits of one endpoint, shared by every role that calls it. Each limit is
/// a <see cref="SlidingWindowRateLimiter"/> whose window slides on the injected clock in one-second segments, so the
/// limit holds over any window (up to one segment of slack) and tests can drive it with a fake clock.
/// </summary>
/// <remarks>
/// Tokens are charged in two parts: before a call its estimated input plus its <c>MaxOutputTokens</c> (what the
/// endpoint itself reserves), and after it any excess of the reported usage over that; the caller waits until the
/// window has room for the excess, so the long-run rate holds even when replies are longer than reserved.
/// </remarks>
public sealed class EndpointRateLimiter : IDisposable
{
    private readonly SlidingWindowRateLimiter? _requests;
    private readonly SlidingWindowRateLimiter? _tokens;
    private static readonly TimeSpan MinimumRealGap = TimeSpan.FromTicks(2);
    private readonly ITimer? _timer;
    private readonly Lock _replenishGate = new();
    private long _lastReplenish = Stopwatch.GetTimestamp();

    /// <summary>Creates the limits; null means no limit of that kind. <paramref name="window"/> defaults to one minute.</summary>
    public EndpointRateLimiter(int? requestsPerMinute, int? tokensPerMinute, TimeProvider? timeProvider = null, TimeSpan? window = null)
    {
        if (requestsPerMinute is <= 0 || tokensPerMinute is <= 0)
        {
            throw new LlmConfigurationException($"'RequestsPerMinute' and 'TokensPerMinute' must be at least 1 when set; were {requestsPerMinute} and {tokensPerMinute}.");
        }

        Window = window ?? TimeSpan.FromMinutes(1);
        if (Window < TimeSpan.FromSeconds(1))
        {
            throw new LlmConfigurationException($"The rate-limit window must be at least 1 second; was {Window}.");
        }

        RequestsPerWindow = requestsPerMinute;
        TokensPerWindow = tokensPerMinute;
        int segments = Math.Max(1, (int)Math.Round(Window.TotalSeconds));
        SegmentDuration = Window / segments;
        _requests = requestsPerMinute is { } rpm ? Create(rpm, segments) : null;
        _tokens = tokensPerMinute is { } tpm ? Create(tpm, segments) : null;
        if (_requests is not null || _tokens is not null)
        {
            // The limiters' own replenishment timers run on the real clock; ours runs on the injected one.
            _timer = (timeProvider ?? TimeProvider.System).CreateTimer(
                static state => ((EndpointRateLimiter)state!).Replenish(), this, SegmentDuration, SegmentDuration);
        }
    }

    /// <summary>Requests allowed per window, or null.</summary>
    public int? RequestsPerWindow { get; }

    /// <summary>Tokens allowed per window, or null.</summary>
    public int? TokensPerWindow { get; }

    /// <summary>The window the limits apply to (one minute unless set otherwise).</summary>
    public TimeSpan Window { get; }

    /// <summary>How far the window slides at a time (one second for a one-minute window).</summary>
    public TimeSpan SegmentDuration { get; }

    /// <summary>Waits for one request permit and <paramref name="tokens"/> token permits.</summary>
    internal async ValueTask AcquireAsync(long tokens, CancellationToken cancellationToken)
    {
        if (_requests is not null)
        {
            await AcquireOrThrowAsync(_requests, 1, cancellationToken).ConfigureAwait(false);
        }

        await AcquireTokensAsync(tokens, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Waits for <paramref name="tokens"/> token permits (no request permit): the excess of a reply.</summary>
    internal async ValueTask AcquireTokensAsync(long tokens, CancellationToken cancellationToken)
    {
        if (_tokens is not null && tokens > 0)
        {
            // A single call larger than the whole window's budget still goes through, taking the entire window.
            int permits = (int)Math.Min(tokens, TokensPerWindow!.Value);
            await AcquireOrThrowAsync(_tokens, permits, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _timer?.Dispose();
        _requests?.Dispose();
        _tokens?.Dispose();
    }

    // The window given to the limiter is one tick per segment: with AutoReplenishment off, TryReplenish ignores a call
    // made sooner than one segment of *real* (Stopwatch) time after the previous one. Our timer on the injected clock
    // decides when a segment has passed, so the limiter's own real-time check must always pass.
    private static SlidingWindowRateLimiter Create(int limit, int segments) => new(new SlidingWindowRateLimiterOptions
    {
        PermitLimit = limit,
        Window = TimeSpan.FromTicks(segments),
        SegmentsPerWindow = segments,
        AutoReplenishment = false,
        QueueLimit = int.MaxValue,
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
    });

    private static async ValueTask AcquireOrThrowAsync(RateLimiter limiter, int permits, CancellationToken cancellationToken)
    {
        // Permits are spent, not borrowed: the sliding window returns them when it slides past, so the lease is
        // disposed at once.
        using var lease = await limiter.AcquireAsync(permits, cancellationToken).ConfigureAwait(false);
        if (!lease.IsAcquired)
        {
            throw new LlmTransientException(LlmErrorKinds.RateLimited, "The local rate limiter refused the call (its queue is full).", 429);
        }
    }

    private void Replenish()
    {
        lock (_replenishGate)
        {
            // A fake clock can fire several segments within nanoseconds of real time; wait out the one-tick
            // real-time guard (see Create) so no segment is skipped.
            while (Stopwatch.GetElapsedTime(_lastReplenish) < MinimumRealGap)
            {
                Thread.SpinWait(20);
            }

            _requests?.TryReplenish();
            _tokens?.TryReplenish();
            _lastReplenish = Stopwatch.GetTimestamp();
        }
    }
}
