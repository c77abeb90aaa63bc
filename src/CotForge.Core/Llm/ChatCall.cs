using System.Text.Json.Nodes;
using CotForge.Core.Parsing;
using CotForge.Core.Search;
using Microsoft.Extensions.AI;

namespace CotForge.Core.Llm;

/// <summary>
/// The engine's only way to talk to a model: one user message, the caller's options and token, usage and timing
/// captured, and every provider failure turned into a <see cref="ReasoningFailureException"/> so that nothing
/// else escapes a session.
/// </summary>
internal static class ChatCall
{
    internal sealed record Reply(string Text, long InputTokens, long OutputTokens, string? ModelId, TimeSpan Elapsed);

    internal sealed record Parsed<T>(T Value, Reply Last, int Attempts, long InputTokens, long OutputTokens, TimeSpan Elapsed, IReadOnlyList<string> Repairs)
    {
        /// <summary>Usage, model, timing and attempts in the shape stored in node metadata.</summary>
        public JsonObject ToMetadata() => new()
        {
            ["usage"] = new JsonObject
            {
                ["input_tokens"] = InputTokens,
                ["output_tokens"] = OutputTokens,
                ["total_tokens"] = InputTokens + OutputTokens,
            },
            ["model"] = Last.ModelId,
            ["elapsed_ms"] = Math.Round(Elapsed.TotalMilliseconds, 3),
            ["attempts"] = Attempts,
        };
    }

    public static async Task<Reply> SendAsync(
        IChatClient client, string prompt, ChatOptions? options, TimeProvider time, string stage, CancellationToken cancellationToken)
    {
        long started = time.GetTimestamp();
        ChatResponse response;
        try
        {
            // Options are cloned per call: middleware may adjust them, and candidates share one instance.
            response = await client.GetResponseAsync([new ChatMessage(ChatRole.User, prompt)], options?.Clone(), cancellationToken)
                .ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (ReasoningFailureException)
        {
            throw;
        }
        catch (Exception ex) when (ex is OperationCanceledException or TimeoutException)
        {
            // Cancelled without our token being cancelled: a client-side timeout, not a stop request.
            throw new ReasoningFailureException(stage, FailureKinds.Timeout, $"The model call timed out: {ex.Message}", 1, ex);
        }
        catch (Exception ex)
        {
            throw new ReasoningFailureException(
                stage, FailureKinds.ProviderError, $"The model call failed: {ex.GetType().Name}: {ex.Message}", 1, ex);
        }

        return new Reply(
            response.Text ?? string.Empty,
            response.Usage?.InputTokenCount ?? 0,
            response.Usage?.OutputTokenCount ?? 0,
            response.ModelId ?? options?.ModelId,
            time.GetElapsedTime(started));
    }

    /// <summary>
    /// Sends <paramref name="prompt"/> until <paramref name="parse"/> accepts the reply, at most
    /// <paramref name="retries"/> + 1 times; then gives up with a <see cref="ReasoningFailureException"/>.
    /// </summary>
    public static async Task<Parsed<T>> AskAsync<T>(
        IChatClient client,
        string prompt,
        ChatOptions? options,
        TimeProvider time,
        Func<string, ParseOutcome<T>> parse,
        int retries,
        string stage,
        string failureKind,
        string what,
        CancellationToken cancellationToken)
    {
        long input = 0;
        long output = 0;
        var elapsed = TimeSpan.Zero;
        ParseOutcome<T>? last = null;
        for (int attempt = 1; attempt <= retries + 1; attempt++)
        {
            var reply = await SendAsync(client, prompt, options, time, stage, cancellationToken).ConfigureAwait(false);
            input += reply.InputTokens;
            output += reply.OutputTokens;
            elapsed += reply.Elapsed;
            last = parse(reply.Text);
            if (last.IsSuccess)
            {
                return new Parsed<T>(last.Value, reply, attempt, input, output, elapsed, last.Repairs);
            }
        }

        throw new ReasoningFailureException(
            stage,
            failureKind,
            $"{what} could not be read after {retries + 1} attempt(s): {last!.FailureKind}: {last.Message}",
            retries + 1);
    }
}
