using System.Text.Json;

namespace CotForge.Storage.Jsonl;

/// <summary>
/// Classifies and reads complete JSONL lines. Every line is tokenized to its end, so a line that merely starts well
/// (e.g. two writes glued together after an older tool crashed) is reported as corrupt rather than indexed.
/// </summary>
internal static class LineParser
{
    private static readonly JsonReaderOptions Options = new() { CommentHandling = JsonCommentHandling.Disallow, MaxDepth = 512 };

    public static bool IsBlank(ReadOnlySpan<byte> line) => line.Trim(" \t\r"u8).IsEmpty;

    public static LineKind ParseResult(ReadOnlySpan<byte> line, out ResultLineHeader header)
    {
        header = default;
        if (IsBlank(line))
        {
            return LineKind.Blank;
        }

        string? id = null;
        bool? success = null;
        string? timestamp = null;
        try
        {
            var reader = new Utf8JsonReader(line, Options);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return LineKind.Corrupt;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("id"u8))
                {
                    reader.Read();
                    id = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                }
                else if (reader.ValueTextEquals("success"u8))
                {
                    reader.Read();
                    success = reader.TokenType switch
                    {
                        JsonTokenType.True => true,
                        JsonTokenType.False => false,
                        _ => null,
                    };
                }
                else if (reader.ValueTextEquals("timestamp"u8))
                {
                    reader.Read();
                    timestamp = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }

            if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
            {
                return LineKind.Corrupt;
            }
        }
        catch (JsonException)
        {
            return LineKind.Corrupt;
        }
        catch (InvalidOperationException)
        {
            // Invalid UTF-8 inside a string we decoded.
            return LineKind.Corrupt;
        }

        if (string.IsNullOrEmpty(id) || success is null)
        {
            return LineKind.Corrupt;
        }

        header = new ResultLineHeader(id, success.Value, timestamp);
        return LineKind.Valid;
    }

    /// <summary>Reads the id of a processed_results.jsonl / reasoning.jsonl line.</summary>
    public static LineKind ParseProcessed(ReadOnlySpan<byte> line, out string id)
    {
        var kind = ParseProcessed(line, out var key, out string? text);
        id = kind != LineKind.Valid ? string.Empty : text ?? Index.HexId.ToString(key);
        return kind;
    }

    /// <summary>
    /// Reads the id of a post-processed line without allocating for a hex MD5 id: <paramref name="key"/> holds it
    /// then, otherwise <paramref name="text"/> holds the id.
    /// </summary>
    public static LineKind ParseProcessed(ReadOnlySpan<byte> line, out UInt128 key, out string? text)
    {
        key = default;
        text = null;
        if (IsBlank(line))
        {
            return LineKind.Blank;
        }

        bool found = false;
        try
        {
            var reader = new Utf8JsonReader(line, Options);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return LineKind.Corrupt;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                bool isId = reader.ValueTextEquals("id"u8);
                reader.Read();
                if (isId && reader.TokenType == JsonTokenType.String)
                {
                    // An escaped id is rare and decoded like any other string; a plain one is its own UTF-8.
                    found = !reader.ValueIsEscaped && Index.HexId.TryParse(reader.ValueSpan, out key);
                    text = found ? null : reader.GetString();
                    found = found || !string.IsNullOrEmpty(text);
                }
                else
                {
                    reader.Skip();
                }
            }

            if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
            {
                return LineKind.Corrupt;
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return LineKind.Corrupt;
        }

        return found ? LineKind.Valid : LineKind.Corrupt;
    }

    public static LineKind ParseError(ReadOnlySpan<byte> line, out ErrorLineFields fields)
    {
        fields = default;
        if (IsBlank(line))
        {
            return LineKind.Blank;
        }

        string? id = null, stage = null, kind = null, message = null, time = null;
        int attempts = 0;
        try
        {
            var reader = new Utf8JsonReader(line, Options);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return LineKind.Corrupt;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                string name = reader.GetString()!;
                reader.Read();
                switch (name)
                {
                    case "id" when reader.TokenType == JsonTokenType.String: id = reader.GetString(); break;
                    case "stage" when reader.TokenType == JsonTokenType.String: stage = reader.GetString(); break;
                    case "kind" when reader.TokenType == JsonTokenType.String: kind = reader.GetString(); break;
                    case "message" when reader.TokenType == JsonTokenType.String: message = reader.GetString(); break;
                    case "time" when reader.TokenType == JsonTokenType.String: time = reader.GetString(); break;
                    case "attempts" when reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out int n): attempts = n; break;
                    default: reader.Skip(); break;
                }
            }

            if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
            {
                return LineKind.Corrupt;
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return LineKind.Corrupt;
        }

        if (string.IsNullOrEmpty(id))
        {
            return LineKind.Corrupt;
        }

        fields = new ErrorLineFields(id, stage, kind, message, attempts, time);
        return LineKind.Valid;
    }

    /// <summary>Any complete JSON object is a valid rejects.jsonl line.</summary>
    public static LineKind ParseAnyObject(ReadOnlySpan<byte> line)
    {
        if (IsBlank(line))
        {
            return LineKind.Blank;
        }

        try
        {
            var reader = new Utf8JsonReader(line, Options);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return LineKind.Corrupt;
            }

            reader.Skip();
            return reader.Read() ? LineKind.Corrupt : LineKind.Valid;
        }
        catch (JsonException)
        {
            return LineKind.Corrupt;
        }
    }
}
