using System.Text;
using System.Text.Json;

namespace CotForge.Pipeline.Load;

/// <summary>
/// Shared by the JSON readers: turns the bytes of one JSON record into a row with <see cref="Utf8JsonReader"/>,
/// decoding only the two wanted fields.
/// </summary>
internal abstract class JsonRowReader : RowReader
{
    private const int MaxUnmappedRecords = 1000;
    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 64 };
    private byte[] _questionName = [];
    private byte[] _answerName = [];
    private int _unmappedRecords;

    protected JsonRowReader(string path, InputOptions options)
        : base(path, options)
    {
    }

    protected static string Lossy(ReadOnlySpan<byte> bytes) => Encoding.UTF8.GetString(bytes);

    private static bool IsBlank(ReadOnlySpan<byte> line) => line.IndexOfAnyExcept(" \t\r\n"u8) < 0;

    protected LoadedRecord? ProcessRecord(ReadOnlySpan<byte> line, long lineNumber)
    {
        if (line.Length > 0 && line[^1] == (byte)'\r')
        {
            line = line[..^1];
        }

        if (IsBlank(line))
        {
            return null;
        }

        if (!System.Text.Unicode.Utf8.IsValid(line))
        {
            return Reject(lineNumber, RejectKinds.InvalidUtf8, "the line contains bytes that are not UTF-8", Lossy(line[..Math.Min(line.Length, 2048)]));
        }

        try
        {
            var reader = new Utf8JsonReader(line, ReaderOptions);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                return Reject(lineNumber, RejectKinds.NotAnObject, $"the line holds a JSON {Describe(reader.TokenType)}, not an object", Raw(line));
            }

            if (Mapping is null)
            {
                // JSON records need not share their keys: a record without usable fields is rejected and the
                // next one tried, up to a point where the file is clearly not in the expected shape.
                if (!FieldAliases.TryResolve(PropertyNames(reader), Options, Path, out FieldMapping? mapping, out string? error))
                {
                    UnmappedError = error;
                    if (++_unmappedRecords >= MaxUnmappedRecords)
                    {
                        throw new InputFormatException(error + $" (none of the first {MaxUnmappedRecords} records has usable fields)");
                    }

                    return Reject(lineNumber, RejectKinds.MissingField, error, Raw(line));
                }

                SetMapping(mapping);
                _questionName = Encoding.UTF8.GetBytes(Mapping!.QuestionField);
                _answerName = Encoding.UTF8.GetBytes(Mapping.AnswerField);
            }

            string? question = null, answer = null;
            string? notText = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                bool isQuestion = reader.ValueTextEquals(_questionName);
                bool isAnswer = !isQuestion && reader.ValueTextEquals(_answerName);
                reader.Read();
                if (!isQuestion && !isAnswer)
                {
                    reader.Skip();
                    continue;
                }

                if (!TryReadText(ref reader, out string? text))
                {
                    notText ??= isQuestion ? Mapping.QuestionField : Mapping.AnswerField;
                    reader.Skip();
                    continue;
                }

                if (isQuestion)
                {
                    question = text ?? string.Empty;
                }
                else
                {
                    answer = text ?? string.Empty;
                }
            }

            if (reader.Read())
            {
                return Reject(lineNumber, RejectKinds.InvalidJson, "more than one JSON value on the line", Raw(line));
            }

            if (notText is not null)
            {
                return Reject(lineNumber, RejectKinds.NotText, $"'{notText}' is an object or an array, not text", Raw(line));
            }

            string? kind = Check(ref question, ref answer, out string detail);
            return kind is null
                ? LoadedRecord.Accepted(new InputRow(question!, answer!, lineNumber))
                : Reject(lineNumber, kind, detail, Raw(line));
        }
        catch (JsonException ex)
        {
            return Reject(lineNumber, RejectKinds.InvalidJson, ex.Message, Raw(line));
        }
    }

    /// <summary>Strings as text, numbers as their literal, booleans as true/false, null as blank.</summary>
    private static bool TryReadText(ref Utf8JsonReader reader, out string? text)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                text = reader.GetString();
                return true;
            case JsonTokenType.Number:
                text = Encoding.UTF8.GetString(reader.ValueSpan);
                return true;
            case JsonTokenType.True:
                text = "true";
                return true;
            case JsonTokenType.False:
                text = "false";
                return true;
            case JsonTokenType.Null:
                text = null;
                return true;
            default:
                text = null;
                return false;
        }
    }

    private static List<string> PropertyNames(Utf8JsonReader reader)
    {
        // A copy of the reader: the caller goes on from the object's start.
        var names = new List<string>();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            names.Add(reader.GetString()!);
            reader.Read();
            reader.Skip();
        }

        return names;
    }

    protected static string Raw(ReadOnlySpan<byte> line) =>
        Encoding.UTF8.GetString(line[..Math.Min(line.Length, RowRejectedArgs.MaxRawLength * 4)]);

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.StartArray => "array",
        JsonTokenType.String => "string",
        JsonTokenType.Number => "number",
        JsonTokenType.True or JsonTokenType.False => "boolean",
        JsonTokenType.Null => "null",
        _ => token.ToString(),
    };
}
