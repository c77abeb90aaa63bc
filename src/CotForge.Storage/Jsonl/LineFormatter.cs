using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CotForge.Storage.Jsonl;

/// <summary>
/// Writes the lines of the JSONL files (SPEC §3/§4 key order), each ending in <c>\n</c>. Non-ASCII text is written as
/// UTF-8 rather than <c>\uXXXX</c> escapes; both are valid JSON and cot-forge reads either.
/// </summary>
internal static class LineFormatter
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
        SkipValidation = false,
    };

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    public static void WriteResult(IBufferWriter<byte> output, string id, string question, string groundTruth, bool success, string timestamp, ReadOnlySpan<byte> resultJson)
    {
        var writer = Rent(output);
        writer.WriteStartObject();
        writer.WriteString("id"u8, id);
        writer.WriteString("question"u8, question);
        writer.WriteString("ground_truth"u8, groundTruth);
        writer.WriteBoolean("success"u8, success);
        writer.WriteString("timestamp"u8, timestamp);
        writer.WritePropertyName("result"u8);

        // The caller has already checked that the tree is one JSON value without raw line breaks.
        writer.WriteRawValue(resultJson, skipInputValidation: true);
        writer.WriteEndObject();
        writer.Flush();
        NewLine(output);
    }

    public static void WriteProcessed(IBufferWriter<byte> output, string id, string question, string groundTruth, IReadOnlyList<JsonObject> chains)
    {
        var writer = Rent(output);
        writer.WriteStartObject();
        writer.WriteString("id"u8, id);
        writer.WriteString("question"u8, question);
        writer.WriteString("ground_truth"u8, groundTruth);
        writer.WriteStartArray("chain_of_thought_responses"u8);
        foreach (var chain in chains)
        {
            chain.WriteTo(writer);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.Flush();
        NewLine(output);
    }

    public static void WriteError(IBufferWriter<byte> output, ErrorRecord error)
    {
        var writer = Rent(output);
        writer.WriteStartObject();
        writer.WriteString("id"u8, error.Id);
        writer.WriteString("stage"u8, error.Stage);
        writer.WriteString("kind"u8, error.Kind);
        writer.WriteString("message"u8, error.Message);
        writer.WriteNumber("attempts"u8, error.Attempts);
        writer.WriteString("time"u8, PythonIsoFormat.Format(error.Time));
        writer.WriteEndObject();
        writer.Flush();
        NewLine(output);
    }

    public static void WriteReject(IBufferWriter<byte> output, RejectRecord reject)
    {
        var writer = Rent(output);
        writer.WriteStartObject();
        writer.WriteString("file"u8, reject.File);
        writer.WriteNumber("line"u8, reject.Line);
        writer.WriteString("reason"u8, reject.Reason);
        writer.WriteString("raw"u8, CutRaw(reject.Raw));
        writer.WriteEndObject();
        writer.Flush();
        NewLine(output);
    }

    /// <summary>Cuts raw input text to <see cref="RejectRecord.MaxRawLength"/> characters without splitting a surrogate pair.</summary>
    public static string CutRaw(string raw)
    {
        if (raw.Length <= RejectRecord.MaxRawLength)
        {
            return raw;
        }

        int cut = RejectRecord.MaxRawLength;
        if (char.IsHighSurrogate(raw[cut - 1]))
        {
            cut--;
        }

        return string.Concat(raw.AsSpan(0, cut), "…");
    }

    /// <summary>
    /// Checks that <paramref name="json"/> is exactly one JSON value; returns it, or a compact copy when it contains
    /// raw line breaks (indented output), which would split a JSONL line.
    /// </summary>
    public static ReadOnlyMemory<byte> NormalizeSingleLine(ReadOnlyMemory<byte> json, string parameterName)
    {
        var span = json.Span;
        try
        {
            var reader = new Utf8JsonReader(span, new JsonReaderOptions { MaxDepth = 512 });
            if (!reader.Read())
            {
                throw new ArgumentException("The result JSON is empty.", parameterName);
            }

            reader.Skip();
            if (reader.Read())
            {
                throw new ArgumentException("The result JSON holds more than one value.", parameterName);
            }
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"The result JSON is not valid JSON: {e.Message}", parameterName, e);
        }

        if (span.IndexOfAny((byte)'\n', (byte)'\r') < 0)
        {
            return json;
        }

        // Line breaks can only be insignificant whitespace here (inside strings they must be escaped).
        using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 512 });
        var buffer = new ArrayBufferWriter<byte>(json.Length);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            document.WriteTo(writer);
        }

        return buffer.WrittenMemory;
    }

    private static Utf8JsonWriter Rent(IBufferWriter<byte> output)
    {
        var writer = t_writer;
        if (writer is null)
        {
            writer = new Utf8JsonWriter(output, WriterOptions);
            t_writer = writer;
        }
        else
        {
            writer.Reset(output);
        }

        return writer;
    }

    private static void NewLine(IBufferWriter<byte> output)
    {
        output.GetSpan(1)[0] = (byte)'\n';
        output.Advance(1);
    }
}
