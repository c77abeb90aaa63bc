using System.Text;
using System.Text.Json.Nodes;
using CotForge.Core.Prompts;

namespace CotForge.TestUtilities.Prompts;

/// <summary>
/// Prompts in the engine's wire format (<see cref="PromptProtocol"/>: marker line plus tagged sections), for tests of
/// anything that reads prompts back (the simulated provider, the fake LLM server) without depending on Core's wording.
/// </summary>
public static class SamplePrompts
{
    /// <summary>A strategy-step prompt; <paramref name="previousSteps"/> become the JSON of the previous reasoning.</summary>
    public static string StrategyStep(string question, IEnumerable<(string Action, string? Title, string Content)>? previousSteps = null, string strategy = "Work through the problem step by step.")
    {
        var steps = new JsonArray();
        foreach (var (action, title, content) in previousSteps ?? [])
        {
            var step = new JsonObject { ["action"] = action };
            if (title is not null)
            {
                step["title"] = title;
            }

            step["content"] = content;
            steps.Add(step);
        }

        return Build(
            PromptKind.StrategyStep,
            "Continue the reasoning about the question with the strategy below and answer as {\"CoT\": [...]}.",
            (PromptProtocol.QuestionTag, question),
            (PromptProtocol.PreviousReasoningTag, steps.ToJsonString()),
            (PromptProtocol.StrategyTag, strategy));
    }

    /// <summary>A previous chain of <paramref name="depth"/> steps, each ending in a conclusion.</summary>
    public static IReadOnlyList<(string Action, string? Title, string Content)> PreviousChain(int depth, string conclusion = "unknown")
    {
        var steps = new List<(string, string?, string)>();
        for (int i = 0; i < depth; i++)
        {
            steps.Add(("Inner Thinking", $"Step {i}", $"Thinking at depth {i}."));
            steps.Add(("Final Conclusion", null, conclusion));
        }

        return steps;
    }

    /// <summary>A (lenient or strict) verification prompt.</summary>
    public static string Verification(string question, string? candidate, string groundTruth, bool strict = false) =>
        Build(
            strict ? PromptKind.StrictVerification : PromptKind.Verification,
            "Decide whether the candidate answer agrees with the ground truth; reply {\"verification\": {...}}.",
            (PromptProtocol.QuestionTag, question),
            (PromptProtocol.CandidateAnswerTag, candidate ?? string.Empty),
            (PromptProtocol.GroundTruthTag, groundTruth));

    /// <summary>A scoring prompt over <paramref name="options"/>.</summary>
    public static string Scoring(string question, string groundTruth, IEnumerable<(string Id, string Answer)> options)
    {
        var builder = new StringBuilder(Build(
            PromptKind.Scoring,
            "Give each option the probability that it is correct; reply {\"scoring\": {...}}.",
            (PromptProtocol.QuestionTag, question),
            (PromptProtocol.GroundTruthTag, groundTruth)));
        foreach (var (id, answer) in options)
        {
            builder.Append("<option id=\"").Append(id).Append("\">").Append(answer).Append(PromptProtocol.Close(PromptProtocol.OptionTag)).Append('\n');
        }

        return builder.ToString();
    }

    /// <summary>A natural-reasoning rewrite prompt over a JSON array of steps.</summary>
    public static string NaturalReasoning(string question, string stepsJson) =>
        Build(
            PromptKind.NaturalReasoning,
            "Rewrite the reasoning as natural prose; reply {\"NaturalReasoning\": \"...\"}.",
            (PromptProtocol.QuestionTag, question),
            (PromptProtocol.ReasoningTag, stepsJson));

    /// <summary>A formal-answer prompt over some reasoning (JSON steps or prose).</summary>
    public static string FormalAnswer(string question, string reasoning) =>
        Build(
            PromptKind.FormalAnswer,
            "State the final answer to the question in plain text.",
            (PromptProtocol.QuestionTag, question),
            (PromptProtocol.ReasoningTag, reasoning));

    private static string Build(PromptKind kind, string instruction, params (string Tag, string Content)[] sections)
    {
        var builder = new StringBuilder();
        builder.Append(PromptProtocol.MarkerFor(kind)).Append('\n').Append(instruction).Append('\n');
        foreach (var (tag, content) in sections)
        {
            builder.Append(PromptProtocol.Open(tag)).Append('\n').Append(content).Append('\n').Append(PromptProtocol.Close(tag)).Append('\n');
        }

        return builder.ToString();
    }
}
