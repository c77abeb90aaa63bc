using System.Text.Json.Nodes;
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

    /// <inheritdoc />
    public ValueTask<VerificationResult> VerifyAsync(VerificationRequest request, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException("Arrives with the verifier commit.");

    /// <inheritdoc />
    public JsonObject Describe() => new()
    {
        ["name"] = Name,
        ["strict"] = Strict,
        ["parse_retries"] = _parseRetries,
        ["model"] = _chatOptions?.ModelId,
    };
}
