using CotForge.Core.Reasoning;
using CotForge.Core.Verification;

namespace CotForge.Core.Tests.Verification;

internal static class VerifierTestData
{
    public static VerificationRequest Request(string? candidate, string groundTruth, string question = "What is it?") =>
        new(question, groundTruth, candidate, new ReasoningNode("n0", "initialize", "p", "r", null));
}
