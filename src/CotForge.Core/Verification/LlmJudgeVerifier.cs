using System.Text.Json.Nodes;
using CotForge.Core.Llm;
using CotForge.Core.Parsing;
using CotForge.Core.Prompts;
using CotForge.Core.Search;
using Microsoft.Extensions.AI;

namespace CotForge.Core.Verification;

/// <summary>
/// Asks a model whether the candidate answer agrees with the ground truth. Lenient by default (same meaning is
/// enough); strict demands every essential element of the ground truth and nothing contradicting it.
/// </summary>
public sealed class LlmJudgeVerifier : IVerifier
{
    private readonly IChatClient _client;
    private readonly ChatOptions? _chatOptions;
    private readonly int _parseRetries;

    /// <summary>Creates the judge.</summary>
    /// <param name="client">The judge model.</param>
    /// <param name="options">Options for every judge call; null for the client's defaults.</param>
    /// <param name="strict">Use the strict prompt.</param>
    /// <param name="parseRetries">How many times an unparseable verdict is asked again before giving up. Default 2.</param>
    public LlmJudgeVerifier(IChatClient client, ChatOptions? options = null, bool strict = false, int parseRetries = 2)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentOutOfRangeException.ThrowIfNegative(parseRetries);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(parseRetries, 10);
        _client = client;
        _chatOptions = options;
        Strict = strict;
        _parseRetries = parseRetries;
    }

    /// <summary>True for the strict judge.</summary>
    public bool Strict { get; }

    /// <inheritdoc />
    public string Name => Strict ? "strict_llm_judge" : "llm_judge";

    /// <summary>Clock for call timings. Default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <inheritdoc />
    /// <remarks>
    /// A chain with no final answer is not verified, without a model call. A judge reply that cannot be read is
    /// asked again; if it stays unreadable the item fails (stage <c>verify</c>, kind <c>verifier_unavailable</c>)
    /// rather than counting as a "no".
    /// </remarks>
    public async ValueTask<VerificationResult> VerifyAsync(VerificationRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.CandidateAnswer))
        {
            return new VerificationResult(false, "The chain states no final answer, so there is nothing to compare.");
        }

        string prompt = PromptTemplates.Verification(request.Question, request.GroundTruth, request.CandidateAnswer, Strict);
        var parsed = await ChatCall.AskAsync(
            _client,
            prompt,
            _chatOptions,
            TimeProvider,
            ResponseParser.ParseVerification,
            _parseRetries,
            FailureStages.Verify,
            FailureKinds.VerifierUnavailable,
            "The judge's verdict",
            cancellationToken).ConfigureAwait(false);
        return parsed.Value;
    }

    /// <inheritdoc />
    public JsonObject Describe() => new()
    {
        ["name"] = Name,
        ["strict"] = Strict,
        ["parse_retries"] = _parseRetries,
        ["model"] = _chatOptions?.ModelId,
    };
}
