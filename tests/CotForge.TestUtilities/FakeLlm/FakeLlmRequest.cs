namespace CotForge.TestUtilities.FakeLlm;

/// <summary>One request the <see cref="FakeLlmServer"/> received.</summary>
/// <param name="Index">0-based arrival order.</param>
/// <param name="At">Real time of arrival.</param>
/// <param name="Wire"><c>openai</c> or <c>anthropic</c>.</param>
/// <param name="Model">The model named in the request.</param>
/// <param name="Prompt">All message text (system first), joined by newlines.</param>
/// <param name="ApiKey">The key the client sent (Authorization bearer or x-api-key), for asserting it was sent.</param>
/// <param name="Fault">The fault applied to it.</param>
/// <param name="MaxTokens">The reply limit the client asked for, if any.</param>
/// <param name="Temperature">The temperature the client asked for, if any.</param>
public sealed record FakeLlmRequest(int Index, DateTimeOffset At, string Wire, string? Model, string Prompt, string? ApiKey, FakeLlmFault Fault, int? MaxTokens, double? Temperature);
