using CotForge.Cli.Infrastructure;
using CotForge.Pipeline.Load;

namespace CotForge.Cli.Commands.Run;

/// <summary>
/// Reads the first rows of the input before the run starts, to report which fields will be used (and fail early,
/// with the loader's message, when none fits) and to detect GSM8K-style answers that need extraction.
/// </summary>
internal static class InputPreview
{
    private const int SampleRows = 5;

    public sealed record Result(FieldMapping? Mapping, IReadOnlyList<string> Answers);

    public static async Task<Result> ReadAsync(string path, string? questionField, string? answerField, CancellationToken cancellationToken)
    {
        FieldMapping? mapping = null;
        var answers = new List<string>(SampleRows);
        var options = new InputOptions
        {
            QuestionField = questionField,
            AnswerField = answerField,
            Limit = SampleRows * 4,
            MappingChosen = m => mapping = m,
        };
        try
        {
            await foreach (var row in InputLoader.ReadAsync(path, options, cancellationToken))
            {
                answers.Add(row.GroundTruth);
                if (answers.Count == SampleRows)
                {
                    break;
                }
            }
        }
        catch (InputFormatException ex)
        {
            throw new UsageException(ex.Message, ex);
        }

        return new Result(mapping, answers);
    }
}
