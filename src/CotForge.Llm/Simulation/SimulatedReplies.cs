using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using CotForge.Core.Prompts;

namespace CotForge.Llm.Simulation;

/// <summary>
/// The texts the simulated provider answers with, one method per prompt kind, each in the reply format of SPEC §6.
/// All choices come from the <see cref="DeterministicRandom"/> handed in, so equal inputs give equal replies.
/// </summary>
internal static class SimulatedReplies
{
    private static readonly string[] ThinkingTitles =
    [
        "Restating the problem", "Identifying the known quantities", "Choosing an approach", "Working through the details",
        "Checking the intermediate result", "Considering another angle", "Weighing the evidence", "Testing an assumption",
    ];

    private static readonly string[] ThinkingPhrases =
    [
        "I start from what the question gives me and what it asks for.",
        "The key facts are stated directly, so I can use them as they are.",
        "Taking it one step at a time keeps the reasoning easy to check.",
        "Combining these pieces leads toward a single answer.",
        "A quick check of the previous step shows it holds up.",
        "Looking at it from a different direction gives the same picture.",
        "Nothing in the question contradicts this line of thought.",
        "If the assumption were false, the result would not fit the facts.",
    ];

    /// <summary>A strategy step: <c>{"CoT": [Inner Thinking..., Final Conclusion]}</c> concluding with <paramref name="answer"/>.</summary>
    public static string StrategyStep(string prompt, string answer, ref DeterministicRandom random)
    {
        string question = PromptReader.Section(prompt, PromptProtocol.QuestionTag) ?? "the question";
        string strategy = PromptReader.Section(prompt, PromptProtocol.StrategyTag) ?? string.Empty;
        var steps = new JsonArray();
        int thinking = 2 + random.Next(2);
        int first = random.Next(ThinkingTitles.Length);
        for (int i = 0; i < thinking; i++)
        {
            string content = i == 0
                ? $"The question is: {Shorten(question, 160)} {random.Pick(ThinkingPhrases)}"
                : random.Pick(ThinkingPhrases);
            if (i == 1 && strategy.Length > 0)
            {
                content += $" Following the requested approach ({Shorten(strategy, 80)}) shapes this step.";
            }

            steps.Add(new JsonObject
            {
                ["action"] = "Inner Thinking",
                ["title"] = ThinkingTitles[(first + i) % ThinkingTitles.Length],
                ["content"] = content,
            });
        }

        steps.Add(new JsonObject { ["action"] = "Final Conclusion", ["content"] = answer });
        return new JsonObject { ["CoT"] = steps }.ToJsonString();
    }

    /// <summary>A judgement: <c>{"verification": {"explanation", "result": "yes"|"no"}}</c>.</summary>
    public static string Verification(string prompt, string? oracle, bool strict)
    {
        string? candidate = PromptReader.Section(prompt, PromptProtocol.CandidateAnswerTag);
        string groundTruth = PromptReader.Section(prompt, PromptProtocol.GroundTruthTag) ?? oracle ?? string.Empty;
        bool matches = AnswerText.Matches(candidate, groundTruth, strict);
        string explanation = string.IsNullOrWhiteSpace(candidate)
            ? "There is no candidate answer to compare with the ground truth."
            : matches
                ? $"The candidate answer \"{Shorten(candidate, 120)}\" agrees with the ground truth \"{Shorten(groundTruth, 120)}\"."
                : $"The candidate answer \"{Shorten(candidate, 120)}\" does not agree with the ground truth \"{Shorten(groundTruth, 120)}\".";
        return new JsonObject
        {
            ["verification"] = new JsonObject { ["explanation"] = explanation, ["result"] = matches ? "yes" : "no" },
        }.ToJsonString();
    }

    /// <summary>A scoring: <c>{"scoring": {option_id: probability}}</c>, high for options matching the ground truth.</summary>
    public static string Scoring(string prompt, string? oracle, ref DeterministicRandom random)
    {
        string groundTruth = PromptReader.Section(prompt, PromptProtocol.GroundTruthTag) ?? oracle ?? string.Empty;
        var scores = new JsonObject();
        foreach (var (id, text) in PromptReader.Options(prompt))
        {
            double score = AnswerText.Matches(text, groundTruth, strict: false)
                ? random.NextDouble(0.8, 0.99)
                : random.NextDouble(0.01, 0.3);
            scores[id] = Math.Round(score, 3);
        }

        return new JsonObject { ["scoring"] = scores }.ToJsonString();
    }

    /// <summary>A rewrite of the reasoning as prose: <c>{"NaturalReasoning": text}</c>.</summary>
    public static string NaturalReasoning(string prompt, ref DeterministicRandom random)
    {
        string reasoning = PromptReader.Section(prompt, PromptProtocol.ReasoningTag) ?? string.Empty;
        var text = new StringBuilder();
        string[] openers = ["Okay, let me think this through.", "Alright, let me work through this.", "Let me see."];
        string[] links = ["Then", "Next", "Hmm,", "Also,", "Now"];
        text.Append(random.Pick(openers));
        string? conclusion = null;
        if (PromptReader.Steps(reasoning) is { Count: > 0 } steps)
        {
            foreach (var (action, _, content) in steps)
            {
                if (string.Equals(action, "Final Conclusion", StringComparison.OrdinalIgnoreCase))
                {
                    conclusion = content;
                    continue;
                }

                text.Append(' ').Append(random.Pick(links)).Append(' ').Append(LowerFirst(content.Trim()));
            }
        }
        else if (reasoning.Length > 0)
        {
            text.Append(' ').Append(reasoning);
        }

        if (conclusion is not null)
        {
            text.Append(" So, the answer is: ").Append(conclusion.Trim());
        }

        return new JsonObject { ["NaturalReasoning"] = text.ToString() }.ToJsonString();
    }

    /// <summary>The formal answer: plain text stating the conclusion the reasoning reached.</summary>
    public static string FormalAnswer(string prompt, string? oracle)
    {
        string reasoning = PromptReader.Section(prompt, PromptProtocol.ReasoningTag) ?? string.Empty;
        string? conclusion = PromptReader.Steps(reasoning)?
            .LastOrDefault(s => string.Equals(s.Action, "Final Conclusion", StringComparison.OrdinalIgnoreCase)).Content;
        if (string.IsNullOrWhiteSpace(conclusion))
        {
            // Prose written by NaturalReasoning ends with this phrase; other prose falls back to the oracle.
            const string Marker = "the answer is:";
            int at = reasoning.LastIndexOf(Marker, StringComparison.OrdinalIgnoreCase);
            conclusion = at >= 0 ? reasoning[(at + Marker.Length)..].Trim() : oracle;
        }

        return string.IsNullOrWhiteSpace(conclusion)
            ? "The reasoning above does not reach a definite answer."
            : $"The answer is {conclusion.Trim().TrimEnd('.')}.";
    }

    /// <summary>A reply to a prompt without a marker: a short acknowledgement, so plain chats still work.</summary>
    public static string Unrecognised(string prompt) =>
        string.Create(CultureInfo.InvariantCulture, $"Simulated reply to a {prompt.Length}-character prompt.");

    private static string Shorten(string text, int max)
    {
        string flat = text.ReplaceLineEndings(" ").Trim();
        return flat.Length <= max ? flat : flat[..max].TrimEnd() + "...";
    }

    private static string LowerFirst(string text) =>
        text.Length > 1 && char.IsUpper(text[0]) && !char.IsUpper(text[1]) ? char.ToLowerInvariant(text[0]) + text[1..] : text;
}
