using System.Globalization;
using System.Text.Json;
using CotForge.Core.Reasoning;
using CotForge.Core.Verification;

namespace CotForge.Core.Parsing;

/// <summary>
/// Reads the replies of SPEC §6 out of what real models send. Every method returns a <see cref="ParseOutcome{T}"/>
/// and never throws for bad output; the caller decides whether to ask again.
/// </summary>
public static class ResponseParser
{
    private const string CotKey = "cot";
    private const string ChainOfThoughtKey = "chainofthought";
    private const string VerificationKey = "verification";
    private const string ScoringKey = "scoring";
    private const string NaturalReasoningKey = "naturalreasoning";

    /// <summary>Reads a strategy step: <c>{"CoT": [{"action", "title"?, "content"}, ...]}</c>.</summary>
    /// <param name="response">The model's reply.</param>
    /// <param name="requireFinalConclusion">
    /// Fail with <see cref="ParseFailureKind.MissingFinalConclusion"/> (or <see cref="ParseFailureKind.Truncated"/> when the
    /// reply was cut off) if no step is a <c>Final Conclusion</c>: such a step states no answer to verify. Default true.
    /// </param>
    public static ParseOutcome<IReadOnlyList<CotStep>> ParseCot(string? response, bool requireFinalConclusion = true)
    {
        using var found = LenientJson.Extract(response, IsCotPayload, allowArray: true, "an object with a \"CoT\" list of steps");
        if (!found.Found)
        {
            return ParseOutcome.Failure<IReadOnlyList<CotStep>>(found.Failure, found.Message!);
        }

        var repairs = found.Repairs;
        JsonElement steps = found.Value;
        if (found.Value.ValueKind == JsonValueKind.Object)
        {
            if (!LenientJson.TryGetLoose(found.Value, CotKey, out steps))
            {
                LenientJson.TryGetLoose(found.Value, ChainOfThoughtKey, out steps);
            }
        }
        else
        {
            repairs.Add("read a bare list of steps without the \"CoT\" wrapper");
        }

        if (steps.ValueKind != JsonValueKind.Array)
        {
            return ParseOutcome.Failure<IReadOnlyList<CotStep>>(
                ParseFailureKind.InvalidShape, $"\"CoT\" must be a list of steps; was {steps.ValueKind}.", repairs);
        }

        if (steps.GetArrayLength() == 0)
        {
            return ParseOutcome.Failure<IReadOnlyList<CotStep>>(
                found.Truncated ? ParseFailureKind.Truncated : ParseFailureKind.InvalidShape, "\"CoT\" holds no steps.", repairs);
        }

        var result = new List<CotStep>(steps.GetArrayLength());
        int index = 0;
        int usable = steps.GetArrayLength();
        if (found.LastValueCut)
        {
            // The reply stopped mid-string: the last step is half a thought (perhaps half an answer). Keep only whole steps.
            usable--;
            repairs.Add("dropped the last step, which was cut off mid-sentence");
        }

        foreach (var step in steps.EnumerateArray().Take(usable))
        {
            if (step.ValueKind != JsonValueKind.Object)
            {
                return ParseOutcome.Failure<IReadOnlyList<CotStep>>(
                    ParseFailureKind.InvalidShape, $"CoT step {index} must be an object with action and content; was {step.ValueKind}.", repairs);
            }

            if (!LenientJson.TryGetLoose(step, "action", out var action) && !LenientJson.TryGetLoose(step, "type", out action))
            {
                return ParseOutcome.Failure<IReadOnlyList<CotStep>>(
                    ParseFailureKind.InvalidShape, $"CoT step {index} has no \"action\".", repairs);
            }

            if (action.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(action.GetString()))
            {
                return ParseOutcome.Failure<IReadOnlyList<CotStep>>(
                    ParseFailureKind.InvalidShape, $"CoT step {index}: \"action\" must be a non-empty string; was {action.ValueKind}.", repairs);
            }

            if (!LenientJson.TryGetLoose(step, "content", out var content) || content.ValueKind == JsonValueKind.Null)
            {
                return ParseOutcome.Failure<IReadOnlyList<CotStep>>(
                    found.Truncated ? ParseFailureKind.Truncated : ParseFailureKind.InvalidShape,
                    $"CoT step {index} (\"{action.GetString()}\") has no \"content\".",
                    repairs);
            }

            string? title = LenientJson.TryGetLoose(step, "title", out var titleElement) ? AsText(titleElement) : null;
            string rawAction = action.GetString()!;
            string canonical = CotActions.Normalize(rawAction);
            if (!string.Equals(canonical, rawAction, StringComparison.Ordinal) && !repairs.Contains("normalized step actions"))
            {
                repairs.Add("normalized step actions");
            }

            result.Add(new CotStep(canonical, AsText(content) ?? string.Empty, string.IsNullOrEmpty(title) ? null : title));
            index++;
        }

        if (result.Count == 0)
        {
            return ParseOutcome.Failure<IReadOnlyList<CotStep>>(
                ParseFailureKind.Truncated, "The reply was cut off inside its first step.", repairs);
        }

        if (requireFinalConclusion && !result.Exists(s => s.IsFinalConclusion))
        {
            return found.Truncated
                ? ParseOutcome.Failure<IReadOnlyList<CotStep>>(
                    ParseFailureKind.Truncated,
                    $"The reply was cut off after {result.Count} step(s), before a \"Final Conclusion\".",
                    repairs)
                : ParseOutcome.Failure<IReadOnlyList<CotStep>>(
                    ParseFailureKind.MissingFinalConclusion,
                    $"None of the {result.Count} step(s) is a \"Final Conclusion\", so the chain states no answer.",
                    repairs);
        }

        return ParseOutcome.Success<IReadOnlyList<CotStep>>(result, repairs);
    }

    /// <summary>
    /// Reads a verdict: <c>{"verification": {"explanation": ..., "result": "yes"|"no"}}</c>. Accepts <c>"Yes."</c>,
    /// <c>true</c>, <c>"correct"</c> and the like, and a verdict without the wrapper object.
    /// </summary>
    public static ParseOutcome<VerificationResult> ParseVerification(string? response)
    {
        using var found = LenientJson.Extract(
            response,
            v => LenientJson.TryGetLoose(v, VerificationKey, out var inner) ? inner.ValueKind == JsonValueKind.Object : LenientJson.TryGetLoose(v, "result", out _),
            allowArray: false,
            "an object with a \"verification\" verdict");
        if (!found.Found)
        {
            return ParseOutcome.Failure<VerificationResult>(found.Failure, found.Message!);
        }

        var repairs = found.Repairs;
        var verdict = found.Value;
        if (LenientJson.TryGetLoose(found.Value, VerificationKey, out var inner) && inner.ValueKind == JsonValueKind.Object)
        {
            verdict = inner;
        }
        else
        {
            repairs.Add("read a verdict without the \"verification\" wrapper");
        }

        string? explanation = LenientJson.TryGetLoose(verdict, "explanation", out var e) ? AsText(e) : null;
        if (!LenientJson.TryGetLoose(verdict, "result", out var resultElement))
        {
            return ParseOutcome.Failure<VerificationResult>(
                found.Truncated ? ParseFailureKind.Truncated : ParseFailureKind.MissingKey, "The verdict has no \"result\".", repairs);
        }

        bool? verified = ReadYesNo(resultElement);
        if (verified is null)
        {
            return ParseOutcome.Failure<VerificationResult>(
                ParseFailureKind.InvalidValue, $"\"result\" must be \"yes\" or \"no\"; was {Shorten(resultElement.GetRawText())}.", repairs);
        }

        return ParseOutcome.Success<VerificationResult>(new VerificationResult(verified.Value, explanation), repairs);
    }

    /// <summary>
    /// Reads scores: <c>{"scoring": {option_id: number}}</c>. Numbers may come as strings (<c>"0.8"</c>, <c>"80%"</c>).
    /// Ids are returned as the model wrote them; matching them to the options asked for is the scorer's job.
    /// </summary>
    public static ParseOutcome<IReadOnlyDictionary<string, double>> ParseScoring(string? response)
    {
        using var found = LenientJson.Extract(
            response,
            v => (LenientJson.TryGetLoose(v, ScoringKey, out var s) || LenientJson.TryGetLoose(v, "scores", out s)) && s.ValueKind == JsonValueKind.Object,
            allowArray: false,
            "an object with a \"scoring\" map of option ids to numbers");
        if (!found.Found)
        {
            return ParseOutcome.Failure<IReadOnlyDictionary<string, double>>(found.Failure, found.Message!);
        }

        if (!LenientJson.TryGetLoose(found.Value, ScoringKey, out var scoring))
        {
            LenientJson.TryGetLoose(found.Value, "scores", out scoring);
            found.Repairs.Add("read \"scores\" as \"scoring\"");
        }

        var scores = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var property in scoring.EnumerateObject())
        {
            double? value = ReadNumber(property.Value);
            if (value is null)
            {
                return ParseOutcome.Failure<IReadOnlyDictionary<string, double>>(
                    ParseFailureKind.InvalidValue,
                    $"The score of option '{property.Name}' must be a number; was {Shorten(property.Value.GetRawText())}.",
                    found.Repairs);
            }

            scores[property.Name] = value.Value;
        }

        return ParseOutcome.Success<IReadOnlyDictionary<string, double>>(scores, found.Repairs);
    }

    /// <summary>Reads a natural-reasoning rewrite: <c>{"NaturalReasoning": text}</c>.</summary>
    public static ParseOutcome<string> ParseNaturalReasoning(string? response)
    {
        using var found = LenientJson.Extract(
            response,
            v => LenientJson.TryGetLoose(v, NaturalReasoningKey, out _),
            allowArray: false,
            "an object with a \"NaturalReasoning\" text");
        if (!found.Found)
        {
            return ParseOutcome.Failure<string>(found.Failure, found.Message!);
        }

        LenientJson.TryGetLoose(found.Value, NaturalReasoningKey, out var text);
        if (text.ValueKind != JsonValueKind.String)
        {
            return ParseOutcome.Failure<string>(
                ParseFailureKind.InvalidShape, $"\"NaturalReasoning\" must be text; was {text.ValueKind}.", found.Repairs);
        }

        string value = text.GetString()!.Trim();
        return value.Length == 0
            ? ParseOutcome.Failure<string>(ParseFailureKind.Empty, "\"NaturalReasoning\" is empty.", found.Repairs)
            : ParseOutcome.Success<string>(value, found.Repairs);
    }

    /// <summary>Reads a formal answer: plain text, trimmed, with a wrapping code fence removed.</summary>
    public static ParseOutcome<string> ParseFormalAnswer(string? response)
    {
        if (string.IsNullOrWhiteSpace(response))
        {
            return ParseOutcome.Failure<string>(ParseFailureKind.Empty, "The formal answer is empty.");
        }

        string text = response.Trim();
        var repairs = new List<string>();
        if (text.StartsWith("```", StringComparison.Ordinal) && text.EndsWith("```", StringComparison.Ordinal) && text.Length >= 6)
        {
            int firstLineEnd = text.IndexOf('\n', StringComparison.Ordinal);
            text = firstLineEnd < 0 || firstLineEnd >= text.Length - 3 ? text[3..^3] : text[(firstLineEnd + 1)..^3];
            text = text.Trim();
            repairs.Add("removed a wrapping code fence");
        }

        return text.Length == 0
            ? ParseOutcome.Failure<string>(ParseFailureKind.Empty, "The formal answer is empty.", repairs)
            : ParseOutcome.Success<string>(text, repairs);
    }

    private static bool IsCotPayload(JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Object)
        {
            return LenientJson.TryGetLoose(value, CotKey, out _) || LenientJson.TryGetLoose(value, ChainOfThoughtKey, out _);
        }

        // A bare list counts only if it looks like steps, so an unrelated list in the prose is not taken for one.
        return value.ValueKind == JsonValueKind.Array
            && value.GetArrayLength() > 0
            && value.EnumerateArray().All(s => s.ValueKind == JsonValueKind.Object && LenientJson.TryGetLoose(s, "action", out _));
    }

    private static bool? ReadYesNo(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.True:
                return true;
            case JsonValueKind.False:
                return false;
            case JsonValueKind.Number:
                return element.TryGetDouble(out double d) && (d == 1 || d == 0) ? d == 1 : null;
            case JsonValueKind.String:
                break;
            default:
                return null;
        }

        string text = element.GetString()!.Trim().Trim('"', '\'', '*', '.', '!', ' ').ToLowerInvariant();
        int wordEnd = 0;
        while (wordEnd < text.Length && char.IsLetter(text[wordEnd]))
        {
            wordEnd++;
        }

        // "Yes, the answers agree" counts as yes: judges often explain inside the result field.
        return text[..wordEnd] switch
        {
            "yes" or "y" or "true" or "correct" or "verified" or "pass" or "passed" or "match" or "matches" => true,
            "no" or "n" or "false" or "incorrect" or "wrong" or "fail" or "failed" or "mismatch" => false,
            _ => null,
        };
    }

    private static double? ReadNumber(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Number)
        {
            return element.TryGetDouble(out double d) && double.IsFinite(d) ? d : null;
        }

        if (element.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        string text = element.GetString()!.Trim();
        bool percent = text.EndsWith('%');
        if (percent)
        {
            text = text[..^1].TrimEnd();
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && double.IsFinite(value)
            ? percent ? value / 100 : value
            : null;
    }

    private static string? AsText(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        _ => element.GetRawText(),
    };

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
