using System.Text.Json;
using CotForge.Core.Prompts;
using CotForge.Llm.Simulation;
using CotForge.TestUtilities.Prompts;

namespace CotForge.Llm.Tests.Simulation;

/// <summary>
/// The post-processing replies read steps with <see cref="JsonSteps"/>; they must say what reading them with
/// <see cref="PromptReader.Steps"/> says.
/// </summary>
public sealed class SimulatedRepliesTests
{
    public static TheoryData<string> Reasonings() =>
    [
        "",
        "[]",
        """[{"action":"Inner Thinking","title":"Count","content":"There are 12 cows at first."},{"action":"Final Conclusion","content":"72"}]""",
        """[{"content":"Content before its action.","action":"Inner Thinking"},{"content":" 72 cows. ","action":"final conclusion"}]""",
        """{"CoT":[{"action":"Inner Thinking","content":"Quotes \" and \\ and \n new lines, \u00e9t\u00e9, 東京 🙂"},{"action":"Final Conclusion","content":"\"quoted\""}]}""",
        """[{"action":"Inner Thinking","content":72},{"action":"Inner Thinking","content":{"nested":[1,2]}},{"action":"Final Conclusion","content":3.50}]""",
        """[{"action":"Inner Thinking"},{"action":"Final Conclusion"},{"title":"no action","content":"x"}]""",
        """[{"action":"Final Conclusion","content":"first"},{"action":"Verification","content":"Checks out."},{"action":"Final Conclusion","content":"second."}]""",
        """[{"action":"Final Conclusion","content":"   "}] """,
        """[{"action":"Final \u0043onclusion","content":"escaped action"},"not a step",[1],{"action":"Inner Thinking","content":"X"}]""",
        """[{"action":"Inner Thinking","content":"unterminated"}""",
        """{"steps":[{"action":"Final Conclusion","content":"1"}]}""",
        "Okay, let me think. Then adding 60 gives 72. So, the answer is: 72",
        "Prose without the phrase.",
    ];

    [Theory]
    [MemberData(nameof(Reasonings))]
    public void FormalAnswer_AnyReasoning_SameAsReadingStepsWithPromptReader(string reasoning)
    {
        string prompt = SamplePrompts.FormalAnswer("q", reasoning);

        Assert.Equal(ReferenceFormalAnswer(prompt, "oracle"), SimulatedReplies.FormalAnswer(prompt, "oracle"));
    }

    [Theory]
    [MemberData(nameof(Reasonings))]
    public void NaturalReasoning_AnyReasoning_SaysEveryStepAndTheConclusionInOrder(string reasoning)
    {
        string prompt = SamplePrompts.NaturalReasoning("q", reasoning);
        var random = new DeterministicRandom(3);

        using var reply = JsonDocument.Parse(SimulatedReplies.NaturalReasoning(prompt, ref random));
        string prose = reply.RootElement.GetProperty("NaturalReasoning").GetString()!;

        string section = PromptReader.Section(prompt, PromptProtocol.ReasoningTag)!;
        if (PromptReader.Steps(section) is not { Count: > 0 } steps)
        {
            Assert.EndsWith(section.Length > 0 ? " " + section : ".", prose, StringComparison.Ordinal);
            return;
        }

        int at = 0;
        string? conclusion = null;
        foreach (var (action, _, content) in steps)
        {
            if (string.Equals(action, "Final Conclusion", StringComparison.OrdinalIgnoreCase))
            {
                conclusion = content;
                continue;
            }

            string expected = LowerFirst(content.Trim());
            int found = prose.IndexOf(expected, at, StringComparison.Ordinal);
            Assert.True(found >= at, $"'{expected}' should follow position {at} in '{prose}'");
            at = found + expected.Length;
        }

        if (conclusion is null)
        {
            Assert.DoesNotContain("So, the answer is:", prose, StringComparison.Ordinal);
        }
        else
        {
            Assert.EndsWith(" So, the answer is: " + conclusion.Trim(), prose, StringComparison.Ordinal);
        }
    }

    /// <summary>What FormalAnswer answered when it read the steps with <see cref="PromptReader.Steps"/>.</summary>
    private static string ReferenceFormalAnswer(string prompt, string? oracle)
    {
        string reasoning = PromptReader.Section(prompt, PromptProtocol.ReasoningTag) ?? string.Empty;
        string? conclusion = PromptReader.Steps(reasoning)?
            .LastOrDefault(s => string.Equals(s.Action, "Final Conclusion", StringComparison.OrdinalIgnoreCase)).Content;
        if (string.IsNullOrWhiteSpace(conclusion))
        {
            const string Marker = "the answer is:";
            int at = reasoning.LastIndexOf(Marker, StringComparison.OrdinalIgnoreCase);
            conclusion = at >= 0 ? reasoning[(at + Marker.Length)..].Trim() : oracle;
        }

        return string.IsNullOrWhiteSpace(conclusion)
            ? "The reasoning above does not reach a definite answer."
            : $"The answer is {conclusion.Trim().TrimEnd('.')}.";
    }

    private static string LowerFirst(string text) =>
        text.Length > 1 && char.IsUpper(text[0]) && !char.IsUpper(text[1]) ? char.ToLowerInvariant(text[0]) + text[1..] : text;
}
