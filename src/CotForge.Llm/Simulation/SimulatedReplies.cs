using System.Buffers;
using System.Globalization;
using CotForge.Core.Prompts;

namespace CotForge.Llm.Simulation;

/// <summary>
/// The texts the simulated provider answers with, one method per prompt kind, each in the reply format of SPEC §6.
/// All choices come from the <see cref="DeterministicRandom"/> handed in, so equal inputs give equal replies.
/// </summary>
internal static class SimulatedReplies
{
    private const string FinalConclusion = "Final Conclusion";

    private static readonly string[] Openers = ["Okay, let me think this through.", "Alright, let me work through this.", "Let me see."];

    private static readonly string[] Links = ["Then", "Next", "Hmm,", "Also,", "Now"];

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
        var question = PromptReader.TryGetSection(prompt, PromptProtocol.QuestionTag, out var q) ? q : "the question";
        var strategy = PromptReader.TryGetSection(prompt, PromptProtocol.StrategyTag, out var s) ? s : default;
        var reply = ReplyBuilder.Start();
        reply.Append("{\"CoT\":[");
        int thinking = 2 + random.Next(2);
        int first = random.Next(ThinkingTitles.Length);
        for (int i = 0; i < thinking; i++)
        {
            reply.Append("{\"action\":\"Inner Thinking\",");
            reply.AppendStringProperty("title", ThinkingTitles[(first + i) % ThinkingTitles.Length]);
            reply.Append(",\"content\":\"");
            if (i == 0)
            {
                reply.Append("The question is: ");
                reply.AppendEscapedShortened(question, 160);
                reply.Append(' ');
            }

            reply.AppendEscaped(random.Pick(ThinkingPhrases));
            if (i == 1 && !strategy.IsEmpty)
            {
                reply.Append(" Following the requested approach (");
                reply.AppendEscapedShortened(strategy, 80);
                reply.Append(") shapes this step.");
            }

            reply.Append("\"},");
        }

        reply.Append("{\"action\":\"Final Conclusion\",");
        reply.AppendStringProperty("content", answer);
        reply.Append("}]}");
        return reply.ToString();
    }

    /// <summary>A judgement: <c>{"verification": {"explanation", "result": "yes"|"no"}}</c>.</summary>
    public static string Verification(string prompt, string? oracle, bool strict)
    {
        string? candidate = PromptReader.TryGetSection(prompt, PromptProtocol.CandidateAnswerTag, out var c) ? c.ToString() : null;
        string groundTruth = PromptReader.TryGetSection(prompt, PromptProtocol.GroundTruthTag, out var g) ? g.ToString() : oracle ?? string.Empty;
        bool matches = AnswerText.Matches(candidate, groundTruth, strict);
        var reply = ReplyBuilder.Start();
        reply.Append("{\"verification\":{\"explanation\":\"");
        if (string.IsNullOrWhiteSpace(candidate))
        {
            reply.Append("There is no candidate answer to compare with the ground truth.");
        }
        else
        {
            reply.Append("The candidate answer \\\"");
            reply.AppendEscapedShortened(candidate, 120);
            reply.Append(matches ? "\\\" agrees with the ground truth \\\"" : "\\\" does not agree with the ground truth \\\"");
            reply.AppendEscapedShortened(groundTruth, 120);
            reply.Append("\\\".");
        }

        reply.Append("\",\"result\":\"");
        reply.Append(matches ? "yes" : "no");
        reply.Append("\"}}");
        return reply.ToString();
    }

    /// <summary>A scoring: <c>{"scoring": {option_id: probability}}</c>, high for options matching the ground truth.</summary>
    public static string Scoring(string prompt, string? oracle, ref DeterministicRandom random)
    {
        string groundTruth = PromptReader.TryGetSection(prompt, PromptProtocol.GroundTruthTag, out var g) ? g.ToString() : oracle ?? string.Empty;
        var options = PromptReader.Options(prompt);
        var scores = new (string Id, double Score)[options.Count];
        for (int i = 0; i < options.Count; i++)
        {
            var (id, text) = options[i];
            double score = AnswerText.Matches(text, groundTruth, strict: false)
                ? random.NextDouble(0.8, 0.99)
                : random.NextDouble(0.01, 0.3);
            scores[i] = (id, Math.Round(score, 3));
        }

        var reply = ReplyBuilder.Start();
        reply.Append("{\"scoring\":{");
        for (int i = 0; i < scores.Length; i++)
        {
            // A repeated id keeps its first place and its last score, as assigning into a JSON object did.
            if (IndexOfId(scores, scores[i].Id) < i)
            {
                continue;
            }

            if (reply.Length > "{\"scoring\":{".Length)
            {
                reply.Append(',');
            }

            reply.AppendPropertyName(scores[i].Id);
            reply.Append(scores[LastIndexOfId(scores, scores[i].Id)].Score);
        }

        reply.Append("}}");
        return reply.ToString();
    }

    /// <summary>A rewrite of the reasoning as prose: <c>{"NaturalReasoning": text}</c>.</summary>
    public static string NaturalReasoning(string prompt, ref DeterministicRandom random)
    {
        var reasoning = PromptReader.TryGetSection(prompt, PromptProtocol.ReasoningTag, out var r) ? r : default;
        var reply = ReplyBuilder.Start();
        reply.Append("{\"NaturalReasoning\":\"");
        reply.AppendEscaped(random.Pick(Openers));
        var utf8 = StepsText(reasoning);
        if (JsonSteps.Survey(utf8) is { Steps: > 0 })
        {
            var steps = JsonSteps.Over(utf8);
            JsonStep conclusion = default;
            bool concluded = false;
            while (steps.MoveNext(out var step))
            {
                if (step.IsFinalConclusion)
                {
                    conclusion = step;
                    concluded = true;
                    continue;
                }

                reply.Append(' ');
                reply.AppendEscaped(random.Pick(Links));
                reply.Append(' ');
                AppendContent(ref reply, step, lowerFirst: true);
            }

            if (concluded)
            {
                reply.Append(" So, the answer is: ");
                AppendContent(ref reply, conclusion, lowerFirst: false);
            }
        }
        else if (!reasoning.IsEmpty)
        {
            reply.Append(' ');
            reply.AppendEscaped(reasoning);
        }

        reply.Append("\"}");
        return reply.ToString();
    }

    /// <summary>The formal answer: plain text stating the conclusion the reasoning reached.</summary>
    public static string FormalAnswer(string prompt, string? oracle)
    {
        var reasoning = PromptReader.TryGetSection(prompt, PromptProtocol.ReasoningTag, out var r) ? r : default;
        char[]? rented = null;
        ReadOnlySpan<char> stated = default;
        var utf8 = StepsText(reasoning);
        if (JsonSteps.Survey(utf8) is { Conclusions: > 0 })
        {
            var steps = JsonSteps.Over(utf8);
            JsonStep last = default;
            while (steps.MoveNext(out var step))
            {
                if (step.IsFinalConclusion)
                {
                    last = step;
                }
            }

            rented = ArrayPool<char>.Shared.Rent(Math.Max(1, last.MaxContentLength));
            stated = rented.AsSpan(0, last.CopyContent(rented));
        }

        if (stated.IsWhiteSpace())
        {
            // Prose written by NaturalReasoning ends with this phrase; other prose falls back to the oracle.
            const string Marker = "the answer is:";
            int at = reasoning.LastIndexOf(Marker, StringComparison.OrdinalIgnoreCase);
            stated = at >= 0 ? reasoning[(at + Marker.Length)..] : oracle;
        }

        string answer;
        if (stated.IsWhiteSpace())
        {
            answer = "The reasoning above does not reach a definite answer.";
        }
        else
        {
            var reply = ReplyBuilder.Start();
            reply.Append("The answer is ");
            reply.Append(stated.Trim().TrimEnd('.'));
            reply.Append('.');
            answer = reply.ToString();
        }

        if (rented is not null)
        {
            ArrayPool<char>.Shared.Return(rented);
        }

        return answer;
    }

    /// <summary>A reply to a prompt without a marker: a short acknowledgement, so plain chats still work.</summary>
    public static string Unrecognised(string prompt) =>
        string.Create(CultureInfo.InvariantCulture, $"Simulated reply to a {prompt.Length}-character prompt.");

    /// <summary>
    /// UTF-8 of reasoning that may be steps in JSON (it starts like an array or an object), else empty: prose is not
    /// worth a parse that can only fail.
    /// </summary>
    private static ReadOnlySpan<byte> StepsText(ReadOnlySpan<char> reasoning) =>
        !reasoning.IsEmpty && reasoning[0] is '[' or '{' ? PromptSpans.ToUtf8(reasoning) : default;

    /// <summary>Appends a step's content trimmed and escaped, its first letter lowered if asked and it starts a word.</summary>
    private static void AppendContent(ref ReplyBuilder reply, JsonStep step, bool lowerFirst)
    {
        char[] rented = ArrayPool<char>.Shared.Rent(Math.Max(1, step.MaxContentLength));
        var text = rented.AsSpan(0, step.CopyContent(rented)).Trim();
        if (lowerFirst && text.Length > 1 && char.IsUpper(text[0]) && !char.IsUpper(text[1]))
        {
            reply.AppendEscaped([char.ToLowerInvariant(text[0])]);
            text = text[1..];
        }

        reply.AppendEscaped(text);
        ArrayPool<char>.Shared.Return(rented);
    }

    private static int IndexOfId((string Id, double Score)[] scores, string id)
    {
        for (int i = 0; i < scores.Length; i++)
        {
            if (scores[i].Id == id)
            {
                return i;
            }
        }

        return -1;
    }

    private static int LastIndexOfId((string Id, double Score)[] scores, string id)
    {
        for (int i = scores.Length - 1; i >= 0; i--)
        {
            if (scores[i].Id == id)
            {
                return i;
            }
        }

        return -1;
    }
}
