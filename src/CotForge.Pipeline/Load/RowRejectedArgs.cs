namespace CotForge.Pipeline.Load;

/// <summary>A rejected input row, handed to <see cref="InputOptions.RowRejected"/>.</summary>
public readonly struct RowRejectedArgs
{
    /// <summary>Longest raw text kept, in characters; longer text is cut and marked with an ellipsis.</summary>
    public const int MaxRawLength = 500;

    /// <summary>Creates the arguments; <paramref name="raw"/> is cut to <see cref="MaxRawLength"/>.</summary>
    public RowRejectedArgs(string file, long line, string kind, string detail, string raw)
    {
        File = file;
        Line = line;
        Kind = kind;
        Detail = detail;
        Raw = Cut(raw);
    }

    /// <summary>The input file (as given).</summary>
    public string File { get; }

    /// <summary>1-based line number where the row starts, or record number for a JSON array.</summary>
    public long Line { get; }

    /// <summary>One of <see cref="RejectKinds"/>.</summary>
    public string Kind { get; }

    /// <summary>What exactly is wrong, e.g. <c>no 'answer' field</c>.</summary>
    public string Detail { get; }

    /// <summary>The reason as recorded in rejects.jsonl: <c>kind: detail</c>.</summary>
    public string Reason => Kind + ": " + Detail;

    /// <summary>The row's raw text, cut to <see cref="MaxRawLength"/> characters.</summary>
    public string Raw { get; }

    internal static string Cut(string raw) =>
        raw.Length <= MaxRawLength ? raw : string.Concat(raw.AsSpan(0, MaxRawLength), "…");
}
