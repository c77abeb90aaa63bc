using CotForge.Core.Items;
using Microsoft.Extensions.AI;

namespace CotForge.Llm.Simulation;

public sealed partial class SimulatedChatClient
{
    /// <summary>
    /// What <see cref="Begin"/> decided about a call, carried across its latency to <see cref="Complete"/>; a struct,
    /// so the synchronous path allocates nothing for it.
    /// </summary>
    private readonly record struct Call(
        IReadOnlyList<ChatMessage> Messages,
        string Prompt,
        ItemContext? Item,
        ChatOptions? Options,
        ulong Key,
        int Attempt,
        TimeSpan Latency,
        SimulatedFault? Fault,
        DeterministicRandom FaultRandom);
}
