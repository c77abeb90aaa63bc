namespace CotForge.Pipeline.Load;

/// <summary>Why a row was rejected: the snake_case code that starts every reject reason.</summary>
public static class RejectKinds
{
    /// <summary>The line or record is not valid JSON.</summary>
    public const string InvalidJson = "invalid_json";

    /// <summary>The bytes are not valid UTF-8.</summary>
    public const string InvalidUtf8 = "invalid_utf8";

    /// <summary>A JSON record is valid but not an object.</summary>
    public const string NotAnObject = "not_an_object";

    /// <summary>The question or answer field is absent.</summary>
    public const string MissingField = "missing_field";

    /// <summary>The question or answer field is empty, white space or null.</summary>
    public const string BlankField = "blank_field";

    /// <summary>The question or answer field holds an object or an array.</summary>
    public const string NotText = "not_text";

    /// <summary>A CSV/TSV record has fewer fields than the header.</summary>
    public const string TooFewFields = "too_few_fields";

    /// <summary>A CSV/TSV record has a quote where RFC 4180 does not allow one.</summary>
    public const string MalformedQuotes = "malformed_quotes";

    /// <summary>A field is longer than <see cref="InputOptions.MaxFieldLength"/>.</summary>
    public const string FieldTooLarge = "field_too_large";

    /// <summary>A line is longer than <see cref="InputOptions.MaxRecordBytes"/>.</summary>
    public const string RecordTooLarge = "record_too_large";

    /// <summary>The answer extraction pattern did not match the answer.</summary>
    public const string AnswerPatternMismatch = "answer_pattern_mismatch";
}
