using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;

namespace CotForge.Pipeline.Load;

/// <summary>
/// CSV and TSV through CsvHelper's parser: RFC 4180 quoting (commas, quotes and newlines inside quoted fields),
/// optional UTF-8 BOM, LF or CRLF, a header row naming the fields.
/// </summary>
internal sealed class CsvRowReader : RowReader
{
    /// <summary>
    /// Invalid UTF-8 bytes decode to this noncharacter instead of U+FFFD, so a row with broken bytes can be told
    /// apart from a row that legitimately contains a replacement character.
    /// </summary>
    private const char InvalidByteMarker = '\uFDD0';

    private readonly char _delimiter;

    public CsvRowReader(string path, InputOptions options, char delimiter)
        : base(path, options) => _delimiter = delimiter;

    protected override async IAsyncEnumerable<LoadedRecord> ReadCoreAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var encoding = (Encoding)new UTF8Encoding(encoderShouldEmitUTF8Identifier: true, throwOnInvalidBytes: false).Clone();
        encoding.DecoderFallback = new DecoderReplacementFallback(InvalidByteMarker.ToString());
        bool badData = false;
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            Delimiter = _delimiter.ToString(),
            HasHeaderRecord = true,
            Mode = CsvMode.RFC4180,
            IgnoreBlankLines = true,
            DetectDelimiter = false,
            TrimOptions = TrimOptions.None,
            BadDataFound = _ => badData = true,
            MissingFieldFound = null,
            // A guard against an unterminated quote swallowing a huge file; ordinary long fields are rejected
            // one by one below, this only stops a pathological file.
            MaxFieldSize = Math.Max(1L << 20, Options.MaxFieldLength * 4L),
        };

        var stream = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.Asynchronous | FileOptions.SequentialScan);
        // The encoding's preamble makes StreamReader skip a UTF-8 BOM while keeping our decoder fallback.
        using var text = new StreamReader(stream, encoding, detectEncodingFromByteOrderMarks: false, bufferSize: 64 * 1024);
        using var parser = new CsvParser(text, config);

        if (!await parser.ReadAsync().ConfigureAwait(false))
        {
            yield break;
        }

        string[] header = parser.Record ?? [];
        FieldMapping mapping = FieldAliases.Resolve(header, Options, Path);
        int questionIndex = Array.IndexOf(header, mapping.QuestionField);
        int answerIndex = Array.IndexOf(header, mapping.AnswerField);
        SetMapping(mapping);

        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            badData = false;
            bool read;
            LoadedRecord? fatal = null;
            try
            {
                read = await parser.ReadAsync().ConfigureAwait(false);
            }
            catch (MaxFieldSizeException ex)
            {
                // The parser cannot resynchronise after this; report the row and stop reading the file.
                read = false;
                fatal = Reject(parser.RawRow, RejectKinds.FieldTooLarge, "a field runs past " + config.MaxFieldSize + " characters (unterminated quote?); the rest of the file is skipped", ex.Message);
            }

            if (fatal is { } last)
            {
                yield return last;
            }

            if (!read)
            {
                yield break;
            }

            yield return ReadRecord(parser, header.Length, questionIndex, answerIndex, () => badData);
        }
    }

    private LoadedRecord ReadRecord(CsvParser parser, int headerCount, int questionIndex, int answerIndex, Func<bool> badData)
    {
        long line = StartLine(parser);
        int count = parser.Count;
        if (count < headerCount)
        {
            return Reject(line, RejectKinds.TooFewFields, $"{count} fields; the header has {headerCount}", parser.RawRecord);
        }

        // CsvHelper unescapes fields lazily, so bad quoting is only reported once a field has been read.
        string question = parser[questionIndex];
        string answer = parser[answerIndex];
        if (badData())
        {
            return Reject(line, RejectKinds.MalformedQuotes, "a quote appears after a closing quote or inside an unquoted field", parser.RawRecord);
        }

        if (question.Contains(InvalidByteMarker) || answer.Contains(InvalidByteMarker))
        {
            return Reject(line, RejectKinds.InvalidUtf8, "the row contains bytes that are not UTF-8", parser.RawRecord.Replace(InvalidByteMarker, '\uFFFD'));
        }

        return Build(question, answer, line, () => parser.RawRecord);
    }

    /// <summary>
    /// CsvHelper counts the line where a record ends; a quoted field with newlines started that many lines earlier.
    /// </summary>
    private static long StartLine(CsvParser parser)
    {
        ReadOnlySpan<char> raw = parser.RawRecord.AsSpan().TrimEnd("\r\n");
        return parser.RawRow - raw.Count('\n');
    }
}
