namespace CotForge.Pipeline.Load;

/// <summary>How an input file is read. Validated once, by <see cref="Validate"/>, before reading starts.</summary>
public sealed class InputOptions
{
    /// <summary>The preset name for GSM8K answers: the ground truth is the text after the last <c>####</c>.</summary>
    public const string Gsm8kPreset = "gsm8k";

    /// <summary>
    /// The format. Default: null, meaning chosen from the file extension (<see cref="InputFormats.FromPath"/>).
    /// </summary>
    public InputFormat? Format { get; set; }

    /// <summary>
    /// Name of the question field. Default: null, meaning <c>question</c> or a known alias
    /// (<see cref="FieldAliases.Question"/>), matched ignoring case, spaces, '-' and '_'.
    /// </summary>
    public string? QuestionField { get; set; }

    /// <summary>Name of the answer field. Default: null, meaning <c>answer</c> or a known alias (<see cref="FieldAliases.Answer"/>).</summary>
    public string? AnswerField { get; set; }

    /// <summary>
    /// Extracts the ground truth from a longer answer. Default: null (the whole answer). Either the preset
    /// <see cref="Gsm8kPreset"/> or a .NET regular expression; the named group <c>answer</c>, else group 1, else the
    /// whole match is taken and trimmed. A row whose answer does not match is rejected.
    /// </summary>
    public string? AnswerPattern { get; set; }

    /// <summary>Longest accepted question or answer, in characters. Default: 100,000.</summary>
    public int MaxFieldLength { get; set; } = 100_000;

    /// <summary>
    /// Longest JSONL line, in bytes; a longer line is rejected without being held in memory. Default: 16 MiB.
    /// </summary>
    public int MaxRecordBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>Stop after this many rows (accepted plus rejected). Default: null (no limit).</summary>
    public long? Limit { get; set; }

    /// <summary>Called for every rejected row. Default: null (the pipeline records it in rejects.jsonl).</summary>
    public Action<RowRejectedArgs>? RowRejected { get; set; }

    /// <summary>Called once, when the question and answer fields have been chosen. Default: null.</summary>
    public Action<FieldMapping>? MappingChosen { get; set; }

    /// <summary>Checks every option and throws one <see cref="ArgumentException"/> naming each bad one.</summary>
    public void Validate()
    {
        var errors = new OptionErrors();
        errors.Range(nameof(MaxFieldLength), MaxFieldLength, 1, int.MaxValue / 4);
        errors.Range(nameof(MaxRecordBytes), MaxRecordBytes, 1024, 1024 * 1024 * 1024);
        if (Limit is { } limit)
        {
            errors.Range(nameof(Limit), limit, 1, long.MaxValue);
        }

        if (QuestionField is not null && string.IsNullOrWhiteSpace(QuestionField))
        {
            errors.Add($"'{nameof(QuestionField)}' must name a field or be null; was '{QuestionField}'.");
        }

        if (AnswerField is not null && string.IsNullOrWhiteSpace(AnswerField))
        {
            errors.Add($"'{nameof(AnswerField)}' must name a field or be null; was '{AnswerField}'.");
        }

        if (QuestionField is not null && AnswerField is not null && string.Equals(QuestionField, AnswerField, StringComparison.Ordinal))
        {
            errors.Add($"'{nameof(QuestionField)}' and '{nameof(AnswerField)}' must differ; both were '{QuestionField}'.");
        }

        if (AnswerPattern is not null && AnswerExtractor.TryCreate(AnswerPattern, out _, out string? patternError) is false)
        {
            errors.Add($"'{nameof(AnswerPattern)}' must be '{Gsm8kPreset}' or a valid regular expression; was '{AnswerPattern}' ({patternError}).");
        }

        errors.ThrowIfAny("input options");
    }
}
