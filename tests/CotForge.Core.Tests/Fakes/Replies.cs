using System.Globalization;
using System.Text.Json;
using CotForge.Core.Prompts;

namespace CotForge.Core.Tests.Fakes;

/// <summary>Well-formed model replies and reply handlers for the scripted client.</summary>
internal static class Replies
{
    public static string Cot(string answer, string thinking = "Working it out.") =>
        JsonSerializer.Serialize(new
        {
            CoT = new object[]
            {
                new { action = "Review", content = "Reading the question." },
                new { action = "Inner Thinking", title = "Work", content = thinking },
                new { action = "Final Conclusion", content = answer },
            },
        });

    public static string Verdict(bool yes, string explanation = "Compared the answers.") =>
        JsonSerializer.Serialize(new { verification = new { explanation, result = yes ? "yes" : "no" } });

    public static string Natural(string text) => JsonSerializer.Serialize(new { NaturalReasoning = text });

    public static string Scores(params (string Id, double Score)[] scores) =>
        "{\"scoring\": {" + string.Join(", ", scores.Select(s => $"\"{s.Id}\": {s.Score.ToString(CultureInfo.InvariantCulture)}")) + "}}";

    /// <summary>A judge that says yes exactly when the candidate equals the ground truth (ignoring case and spaces).</summary>
    public static string OracleJudge(ScriptedCall call) =>
        Verdict(string.Equals(
            call.Section(PromptProtocol.CandidateAnswerTag)?.Trim(),
            call.Section(PromptProtocol.GroundTruthTag)?.Trim(),
            StringComparison.OrdinalIgnoreCase));

    /// <summary>Scores every option 1 when its answer equals the ground truth, else by a stable function of its id.</summary>
    public static string OracleScorer(ScriptedCall call)
    {
        string? truth = call.Section(PromptProtocol.GroundTruthTag)?.Trim();
        var options = PromptReader.GetOptions(call.Prompt);
        return Scores([.. options.Select(o => (o.Key, string.Equals(o.Value.Trim(), truth, StringComparison.OrdinalIgnoreCase) ? 1.0 : 0.1))]);
    }
}
