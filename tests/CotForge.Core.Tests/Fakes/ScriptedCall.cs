using CotForge.Core.Prompts;
using Microsoft.Extensions.AI;

namespace CotForge.Core.Tests.Fakes;

/// <summary>One call the scripted client received.</summary>
internal sealed record ScriptedCall(int Index, PromptKind Kind, string Prompt, ChatOptions? Options, CancellationToken CancellationToken)
{
    public string? Section(string tag) => PromptReader.GetSection(Prompt, tag);

    public string? Strategy => Section(PromptProtocol.StrategyTag)?.Split(':', 2)[0];
}
