namespace CotForge.Pipeline.Load;

/// <summary>The input fields that hold the question and the answer, and how each was chosen.</summary>
/// <param name="QuestionField">Name of the question field in the input.</param>
/// <param name="QuestionSource">How it was chosen.</param>
/// <param name="AnswerField">Name of the answer field in the input.</param>
/// <param name="AnswerSource">How it was chosen.</param>
/// <param name="AnswerPattern">The extraction pattern applied to the answer, or null.</param>
public sealed record FieldMapping(
    string QuestionField,
    FieldMappingSource QuestionSource,
    string AnswerField,
    FieldMappingSource AnswerSource,
    string? AnswerPattern)
{
    /// <summary>One line for a person, e.g. <c>question ← 'Question' (alias), answer ← 'Best Answer' (alias)</c>.</summary>
    public override string ToString() =>
        $"question ← '{QuestionField}' ({Describe(QuestionSource)}), answer ← '{AnswerField}' ({Describe(AnswerSource)})"
        + (AnswerPattern is null ? string.Empty : $", answer extracted with '{AnswerPattern}'");

    private static string Describe(FieldMappingSource source) => source switch
    {
        FieldMappingSource.Explicit => "explicit",
        FieldMappingSource.Default => "default",
        _ => "alias",
    };
}
