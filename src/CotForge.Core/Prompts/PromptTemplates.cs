using System.Text;
using CotForge.Core.Reasoning;
using CotForge.Core.Scoring;
using CotForge.Core.Strategies;

namespace CotForge.Core.Prompts;

/// <summary>
/// The prompts the engine sends, one per <see cref="PromptKind"/>. Every prompt opens with the kind's marker
/// line and carries its inputs in tagged sections (<see cref="PromptProtocol"/>), so the simulated provider and
/// tools can read them back with <see cref="PromptReader"/>. The wording is this project's own.
/// </summary>
public static class PromptTemplates
{
    private const string StepFormat =
        """
        {"CoT": [
          {"action": "Review", "content": "..."},
          {"action": "Inner Thinking", "title": "...", "content": "..."},
          {"action": "Final Conclusion", "content": "..."}
        ]}
        """;

    /// <summary>A strategy step: continue (or start) the reasoning under <paramref name="strategy"/>; reply <c>{"CoT": [steps]}</c>.</summary>
    /// <param name="question">The question.</param>
    /// <param name="previousReasoning">The full CoT so far (empty for an initial step).</param>
    /// <param name="strategy">The strategy whose instruction this step follows.</param>
    public static string StrategyStep(string question, IReadOnlyList<CotStep> previousReasoning, Strategy strategy)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(previousReasoning);
        ArgumentNullException.ThrowIfNull(strategy);
        var sb = Start(PromptKind.StrategyStep);
        sb.Append("You are working out the answer to a question one step at a time. Each step follows a named strategy ")
          .Append("and is written as a short list of reasoning actions in JSON.\n\n");
        Section(sb, PromptProtocol.QuestionTag, question);
        Section(sb, PromptProtocol.PreviousReasoningTag, previousReasoning);
        Open(sb, PromptProtocol.StrategyTag).Append(strategy.Name).Append(": ").Append(strategy.Description);
        Close(sb, PromptProtocol.StrategyTag);
        sb.Append("How to answer:\n");
        sb.Append(previousReasoning.Count == 0
            ? "- There is no earlier reasoning: start from the question itself, following the strategy.\n"
            : "- Build on the earlier reasoning by following the strategy. Do not copy earlier steps; write only the new ones.\n");
        sb.Append("- Use three kinds of action: \"Review\" to look back at the question or the reasoning so far, ")
          .Append("\"Inner Thinking\" for a piece of working (give it a short \"title\"), and \"Final Conclusion\" for the answer.\n")
          .Append("- Finish with exactly one \"Final Conclusion\" that states the answer plainly and completely.\n")
          .Append("- Reply with JSON only, nothing before or after it, in this shape:\n\n")
          .Append(StepFormat)
          .Append('\n');
        return Finish(sb);
    }

    /// <summary>
    /// A verification: does <paramref name="candidateAnswer"/> agree with <paramref name="groundTruth"/>? Reply
    /// <c>{"verification": {"explanation", "result": "yes"|"no"}}</c>. The strict variant uses its own marker and rules.
    /// </summary>
    public static string Verification(string question, string groundTruth, string candidateAnswer, bool strict)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(groundTruth);
        ArgumentNullException.ThrowIfNull(candidateAnswer);
        var sb = Start(strict ? PromptKind.StrictVerification : PromptKind.Verification);
        sb.Append(strict
            ? "You are grading an answer to a question strictly against the reference answer.\n\n"
            : "You are checking whether an answer to a question agrees with the reference answer.\n\n");
        Section(sb, PromptProtocol.QuestionTag, question);
        Section(sb, PromptProtocol.GroundTruthTag, groundTruth);
        Section(sb, PromptProtocol.CandidateAnswerTag, candidateAnswer);
        sb.Append(strict
            ? "Say \"yes\" only if the candidate contains every essential element of the reference (values, names, conditions, "
              + "and units where they matter) and nothing that contradicts it. Missing parts, conflicting extra claims, hedging "
              + "between several answers, or a vaguer statement that loses meaning all mean \"no\". When in doubt, say \"no\".\n"
            : "Say \"yes\" if the candidate means the same as the reference. Differences of wording, formatting, spelled-out or "
              + "abbreviated units, and extra explanation do not matter as long as the substance agrees. A different result, "
              + "hedging between several results, or no result at all means \"no\".\n");
        sb.Append("Reply with JSON only:\n")
          .Append("{\"verification\": {\"explanation\": \"<one or two sentences>\", \"result\": \"yes\" or \"no\"}}\n");
        return Finish(sb);
    }

    /// <summary>A scoring: how likely is each option to be correct? Reply <c>{"scoring": {option_id: number}}</c>.</summary>
    public static string Scoring(string question, string groundTruth, IReadOnlyList<ScoringOption> options)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(groundTruth);
        ArgumentNullException.ThrowIfNull(options);
        var sb = Start(PromptKind.Scoring);
        sb.Append("You are estimating, for several candidate answers to one question, how likely each is to be correct ")
          .Append("given the reference answer.\n\n");
        Section(sb, PromptProtocol.QuestionTag, question);
        Section(sb, PromptProtocol.GroundTruthTag, groundTruth);
        foreach (var option in options)
        {
            sb.Append('<').Append(PromptProtocol.OptionTag).Append(" id=\"").Append(option.Id).Append("\">\n")
              .Append(option.FinalAnswer ?? "(this candidate gives no final answer)")
              .Append('\n').Append(PromptProtocol.Close(PromptProtocol.OptionTag)).Append("\n\n");
        }

        sb.Append("Give every option a number from 0 to 1: close to 1 when it clearly agrees with the reference, close to 0 ")
          .Append("when it contradicts it or gives no answer. Judge each option on its own.\n")
          .Append("Reply with JSON only, with one entry per option id:\n")
          .Append("{\"scoring\": {");
        for (int i = 0; i < options.Count; i++)
        {
            sb.Append(i == 0 ? string.Empty : ", ").Append('"').Append(options[i].Id).Append("\": <number>");
        }

        sb.Append("}}\n");
        return Finish(sb);
    }

    /// <summary>A natural-reasoning rewrite of a full CoT; reply <c>{"NaturalReasoning": text}</c>.</summary>
    public static string NaturalReasoning(string question, IReadOnlyList<CotStep> cot)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(cot);
        var sb = Start(PromptKind.NaturalReasoning);
        sb.Append("Below is a structured chain of reasoning, a JSON list of steps, that answers a question. Rewrite it as the ")
          .Append("natural first-person thinking of someone solving the problem: flowing prose that keeps every substantive step ")
          .Append("and the conclusion, with the checks, doubts and corrections a careful person would voice along the way. ")
          .Append("Do not mention steps, actions, titles or JSON, and do not say that the text was rewritten.\n\n");
        Section(sb, PromptProtocol.QuestionTag, question);
        Section(sb, PromptProtocol.ReasoningTag, cot);
        sb.Append("Reply with JSON only:\n{\"NaturalReasoning\": \"<the rewritten reasoning>\"}\n");
        return Finish(sb);
    }

    /// <summary>A formal answer written from <paramref name="naturalReasoning"/>; the reply is plain text.</summary>
    public static string FormalAnswer(string question, string naturalReasoning)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(naturalReasoning);
        var sb = Start(PromptKind.FormalAnswer);
        sb.Append("Below is someone's thinking about a question. Write the answer they would now give: a clear, self-contained ")
          .Append("reply to the question that states the conclusion and the main reasons for it, without thinking aloud.\n\n");
        Section(sb, PromptProtocol.QuestionTag, question);
        Section(sb, PromptProtocol.ReasoningTag, naturalReasoning);
        sb.Append("Reply with the answer text only: no JSON, no heading, no preamble.\n");
        return Finish(sb);
    }

    private const int MaxCachedBuilderCapacity = 64 * 1024;

    // Prompts are built synchronously, so one builder per thread serves every prompt: a fresh builder per prompt
    // grew through several chunks and copied the text again on ToString.
    [ThreadStatic]
    private static StringBuilder? t_builder;

    private static StringBuilder Start(PromptKind kind)
    {
        var sb = t_builder ?? new StringBuilder(8192);
        t_builder = null;
        return sb.Clear().Append(PromptProtocol.MarkerFor(kind)).Append('\n');
    }

    private static string Finish(StringBuilder sb)
    {
        string prompt = sb.ToString();
        if (sb.Capacity <= MaxCachedBuilderCapacity)
        {
            t_builder = sb;
        }

        return prompt;
    }

    private static void Section(StringBuilder sb, string tag, string content)
    {
        Open(sb, tag).Append(content);
        Close(sb, tag);
    }

    private static void Section(StringBuilder sb, string tag, IReadOnlyList<CotStep> steps)
    {
        CotJson.AppendTo(Open(sb, tag), steps);
        Close(sb, tag);
    }

    private static StringBuilder Open(StringBuilder sb, string tag) => sb.Append('<').Append(tag).Append(">\n");

    private static void Close(StringBuilder sb, string tag) => sb.Append("\n</").Append(tag).Append(">\n\n");
}
