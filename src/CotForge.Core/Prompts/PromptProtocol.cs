namespace CotForge.Core.Prompts;

/// <summary>
/// The wire contract between the prompts this engine sends and anything that has to read them back
/// without a model: the simulated provider, tests, and log tooling. Every prompt names its kind on a
/// marker line and wraps each input in a tagged section, so a reader never has to guess where the
/// question ends and the reasoning begins.
/// </summary>
/// <remarks>
/// Real models see the markers too; they are plain, self-describing text and cost a handful of tokens.
/// Changing a constant here changes what the simulated provider recognises, so the two move together.
/// </remarks>
public static class PromptProtocol
{
    /// <summary>Prefix of the marker line that opens every prompt, followed by a <see cref="PromptKind"/> tag.</summary>
    public const string KindMarkerPrefix = "[cotforge:";

    /// <summary>Tag of the section holding the question.</summary>
    public const string QuestionTag = "question";

    /// <summary>Tag of the section holding the reasoning so far (a JSON array of CoT steps).</summary>
    public const string PreviousReasoningTag = "previous_reasoning";

    /// <summary>Tag of the section holding the ground-truth answer (verification and scoring prompts).</summary>
    public const string GroundTruthTag = "ground_truth";

    /// <summary>Tag of the section holding the answer being judged (verification prompts).</summary>
    public const string CandidateAnswerTag = "candidate_answer";

    /// <summary>Tag of one scoring option; carries an <c>id</c> attribute: <c>&lt;option id="..."&gt;</c>.</summary>
    public const string OptionTag = "option";

    /// <summary>Tag of the section holding the reasoning to rewrite or summarise (post-processing prompts).</summary>
    public const string ReasoningTag = "reasoning";

    /// <summary>Tag of the section holding the strategy's instruction (strategy-step prompts).</summary>
    public const string StrategyTag = "strategy";

    /// <summary>The marker line for a prompt kind, e.g. <c>[cotforge:strategy-step]</c>.</summary>
    public static string MarkerFor(PromptKind kind) =>
        (uint)kind < (uint)Markers.Length ? Markers[(int)kind] : KindMarkerPrefix + TagFor(kind) + "]";

    // Every prompt starts with one of these: built once rather than concatenated per call.
    private static readonly string[] Markers =
        [.. Enum.GetValues<PromptKind>().OrderBy(k => (int)k).Select(k => KindMarkerPrefix + TagFor(k) + "]")];

    /// <summary>The tag text of a prompt kind as it appears in the marker line.</summary>
    public static string TagFor(PromptKind kind) => kind switch
    {
        PromptKind.StrategyStep => "strategy-step",
        PromptKind.Verification => "verification",
        PromptKind.StrictVerification => "strict-verification",
        PromptKind.Scoring => "scoring",
        PromptKind.NaturalReasoning => "natural-reasoning",
        PromptKind.FormalAnswer => "formal-answer",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown prompt kind."),
    };

    /// <summary>Opens a tagged section: <c>&lt;tag&gt;</c>.</summary>
    public static string Open(string tag) => "<" + tag + ">";

    /// <summary>Closes a tagged section: <c>&lt;/tag&gt;</c>.</summary>
    public static string Close(string tag) => "</" + tag + ">";
}

/// <summary>The kinds of prompt the engine sends; each expects the reply format of SPEC §6.</summary>
public enum PromptKind
{
    /// <summary>One reasoning step under a strategy; reply <c>{"CoT": [steps]}</c>.</summary>
    StrategyStep,

    /// <summary>Lenient judge; reply <c>{"verification": {"explanation", "result": "yes"|"no"}}</c>.</summary>
    Verification,

    /// <summary>Strict judge; same reply shape as <see cref="Verification"/>.</summary>
    StrictVerification,

    /// <summary>Probability-of-correctness scoring; reply <c>{"scoring": {option_id: number}}</c>.</summary>
    Scoring,

    /// <summary>Rewrite of a chain into natural reasoning; reply <c>{"NaturalReasoning": text}</c>.</summary>
    NaturalReasoning,

    /// <summary>The formal answer to the question; reply is plain text.</summary>
    FormalAnswer,
}
