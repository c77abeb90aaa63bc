namespace CotForge.Cli.Commands.Export;

/// <summary>
/// One post-processed reasoning chain of one item, ready to be written in any format.
/// </summary>
/// <param name="Id">The item id.</param>
/// <param name="Question">The question as asked.</param>
/// <param name="GroundTruth">The ground-truth answer.</param>
/// <param name="FullResponse">The whole answer text: <c>&lt;thinking&gt;natural reasoning&lt;/thinking&gt;\n\nformal answer</c>.</param>
/// <param name="NaturalReasoning">The natural-language reasoning alone, when known.</param>
/// <param name="FormalAnswer">The formal answer alone, when known.</param>
/// <param name="Verified">Whether this chain's conclusion was verified against the ground truth.</param>
internal sealed record ExportChain(string Id, string Question, string GroundTruth, string FullResponse,
    string? NaturalReasoning, string? FormalAnswer, bool Verified);
