using System.Runtime.CompilerServices;

namespace CotForge.Pipeline.Load;

/// <summary>
/// In-memory question/answer pairs read like a file: the same row rules (blank, too large, extraction pattern)
/// and record numbers (1-based index), so the pipeline treats both sources alike.
/// </summary>
internal sealed class MemoryRowReader : RowReader
{
    public const string SourceName = "(in-memory)";
    private readonly IReadOnlyList<string?> _questions;
    private readonly IReadOnlyList<string?> _answers;

    public MemoryRowReader(IReadOnlyList<string?> questions, IReadOnlyList<string?> answers, InputOptions options)
        : base(SourceName, options)
    {
        if (questions.Count != answers.Count)
        {
            throw new ArgumentException($"Questions and ground-truth answers must have the same length; got {questions.Count} questions and {answers.Count} answers.", nameof(answers));
        }

        _questions = questions;
        _answers = answers;
    }

    protected override async IAsyncEnumerable<LoadedRecord> ReadCoreAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        SetMapping(new FieldMapping("question", FieldMappingSource.Explicit, "answer", FieldMappingSource.Explicit, Options.AnswerPattern));
        await Task.CompletedTask.ConfigureAwait(false);
        for (int i = 0; i < _questions.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            string? question = _questions[i];
            string? answer = _answers[i];
            yield return Build(question, answer, i + 1, () => "{\"question\": " + Quote(question) + ", \"answer\": " + Quote(answer) + "}");
        }
    }

    private static string Quote(string? text) => text is null ? "null" : System.Text.Json.JsonSerializer.Serialize(text);
}
