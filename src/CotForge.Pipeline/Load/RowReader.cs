namespace CotForge.Pipeline.Load;

/// <summary>
/// Base of the streaming readers: turns raw fields into an accepted or rejected row with the same rules for
/// every format (missing, blank, too large, extraction pattern), and applies the row limit.
/// </summary>
internal abstract class RowReader
{
    private readonly AnswerExtractor? _extractor;

    protected RowReader(string path, InputOptions options)
    {
        Path = path;
        Options = options;
        if (options.AnswerPattern is not null)
        {
            if (!AnswerExtractor.TryCreate(options.AnswerPattern, out _extractor, out string? error))
            {
                throw new ArgumentException($"'{nameof(InputOptions.AnswerPattern)}' is not valid: {error}", nameof(options));
            }
        }
    }

    public string Path { get; }

    public InputOptions Options { get; }

    /// <summary>The chosen fields, once known (after the header or the first JSON object).</summary>
    public FieldMapping? Mapping { get; private set; }

    public static RowReader Create(string path, InputOptions options) =>
        (options.Format ?? InputFormats.FromPath(path)) switch
        {
            InputFormat.Csv => new CsvRowReader(path, options, ','),
            InputFormat.Tsv => new CsvRowReader(path, options, '\t'),
            InputFormat.JsonLines => new JsonLinesRowReader(path, options),
            _ => new JsonArrayRowReader(path, options),
        };

    /// <summary>Reads the file once, front to back, never holding more than one record (plus a buffer) in memory.</summary>
    public async IAsyncEnumerable<LoadedRecord> ReadAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        long limit = Options.Limit ?? long.MaxValue;
        long count = 0;
        if (count >= limit)
        {
            yield break;
        }

        await foreach (LoadedRecord record in ReadCoreAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return record;
            if (++count >= limit)
            {
                yield break;
            }
        }

        if (Mapping is null && UnmappedError is not null)
        {
            // Every record was rejected for want of usable fields: say so once, clearly, rather than only in rejects.
            throw new InputFormatException(UnmappedError);
        }
    }

    /// <summary>Why the fields could not be chosen yet (JSON inputs choose them from the first usable record).</summary>
    protected string? UnmappedError { get; set; }

    protected abstract IAsyncEnumerable<LoadedRecord> ReadCoreAsync(CancellationToken cancellationToken);

    protected void SetMapping(FieldMapping mapping)
    {
        Mapping = mapping;
        Options.MappingChosen?.Invoke(mapping);
    }

    protected LoadedRecord Reject(long line, string kind, string detail, string raw) =>
        LoadedRecord.Rejected(new RowRejectedArgs(Path, line, kind, detail, raw));

    /// <summary>Applies the rules shared by every format to a row's two fields (null = absent).</summary>
    protected LoadedRecord Build(string? question, string? answer, long line, Func<string> raw)
    {
        string? kind = Check(ref question, ref answer, out string detail);
        return kind is null
            ? LoadedRecord.Accepted(new InputRow(question!, answer!, line))
            : Reject(line, kind, detail, raw());
    }

    /// <summary>
    /// The reject kind for a row's two fields (null = absent), or null when the row is good; on success
    /// <paramref name="answer"/> holds the extracted ground truth.
    /// </summary>
    protected string? Check(ref string? question, ref string? answer, out string detail)
    {
        FieldMapping mapping = Mapping!;
        detail = string.Empty;
        if (question is null)
        {
            detail = $"no '{mapping.QuestionField}' field";
            return RejectKinds.MissingField;
        }

        if (answer is null)
        {
            detail = $"no '{mapping.AnswerField}' field";
            return RejectKinds.MissingField;
        }

        if (string.IsNullOrWhiteSpace(question))
        {
            detail = $"'{mapping.QuestionField}' is blank";
            return RejectKinds.BlankField;
        }

        if (string.IsNullOrWhiteSpace(answer))
        {
            detail = $"'{mapping.AnswerField}' is blank";
            return RejectKinds.BlankField;
        }

        int max = Options.MaxFieldLength;
        if (question.Length > max)
        {
            detail = $"'{mapping.QuestionField}' has {question.Length} characters; the limit is {max}";
            return RejectKinds.FieldTooLarge;
        }

        if (answer.Length > max)
        {
            detail = $"'{mapping.AnswerField}' has {answer.Length} characters; the limit is {max}";
            return RejectKinds.FieldTooLarge;
        }

        if (_extractor is not null)
        {
            string? extracted = _extractor.Extract(answer);
            if (extracted is null)
            {
                detail = $"'{mapping.AnswerField}' does not match '{Options.AnswerPattern}'";
                return RejectKinds.AnswerPatternMismatch;
            }

            answer = extracted;
        }

        return null;
    }
}
