using System.Text.Json.Nodes;
using CotForge.Core.Reasoning;
using CotForge.Core.Strategies;

namespace CotForge.Core.Search;

/// <summary>A strategy step the model has answered and that parsed; it becomes a node once ids are assigned.</summary>
internal sealed record GeneratedStep(Strategy Strategy, string Prompt, string Response, IReadOnlyList<CotStep> Cot, JsonObject Metadata);
