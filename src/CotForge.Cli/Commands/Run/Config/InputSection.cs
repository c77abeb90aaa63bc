namespace CotForge.Cli.Commands.Run.Config;

/// <summary>Field mapping and answer extraction for the input rows (<c>"input"</c> in the config file).</summary>
internal sealed class InputSection
{
    /// <summary>Field/column of the question. Default: question, or a detected alias.</summary>
    public string? QuestionField { get; set; }

    /// <summary>Field/column of the ground-truth answer. Default: answer, or a detected alias.</summary>
    public string? AnswerField { get; set; }

    /// <summary>Regex (group "answer" or the first group) or a preset: gsm8k, none. Default: gsm8k when detected.</summary>
    public string? AnswerPattern { get; set; }

    /// <summary>Read at most this many rows. Default: all.</summary>
    public long? Limit { get; set; }

    public static InputSection? Merge(InputSection? over, InputSection? under) => over is null ? under : under is null ? over : new()
    {
        QuestionField = over.QuestionField ?? under.QuestionField,
        AnswerField = over.AnswerField ?? under.AnswerField,
        AnswerPattern = over.AnswerPattern ?? under.AnswerPattern,
        Limit = over.Limit ?? under.Limit,
    };
}
