using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace CotForge.Pipeline.Load;

/// <summary>
/// A JSON array of objects, streamed element by element: a resumable <see cref="Utf8JsonReader"/> finds each
/// element's bytes in a pooled buffer, which is then read like a JSONL line. Line numbers are record numbers
/// (1-based element index). A syntax error ends the file, since an array cannot be resynchronised after one;
/// the error becomes a rejected record and the rows before it stand.
/// </summary>
internal sealed class JsonArrayRowReader : JsonRowReader
{
    private const int InitialBufferSize = 64 * 1024;

    public JsonArrayRowReader(string path, InputOptions options)
        : base(path, options)
    {
    }

    private enum Step
    {
        NeedMore,
        Element,
        End,
        Error,
    }

    protected override async IAsyncEnumerable<LoadedRecord> ReadCoreAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var stream = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
        await using (stream.ConfigureAwait(false))
        {
            byte[] buffer = ArrayPool<byte>.Shared.Rent(InitialBufferSize);
            try
            {
                var cursor = new Cursor { State = new JsonReaderState(new JsonReaderOptions { MaxDepth = 64 }) };
                int end = 0;
                bool eof = false;
                long record = 0;
                while (true)
                {
                    Step step = Next(buffer.AsSpan(0, end), eof, ref cursor, out int elementStart, out int elementLength, out string? error);
                    switch (step)
                    {
                        case Step.Element:
                            if (ProcessRecord(buffer.AsSpan(elementStart, elementLength), ++record) is { } row)
                            {
                                yield return row;
                            }

                            continue;
                        case Step.End:
                            yield break;
                        case Step.Error:
                            yield return Reject(record + 1, RejectKinds.InvalidJson, error + " The rest of the file is skipped.", Lossy(buffer.AsSpan(cursor.Start, Math.Min(end - cursor.Start, 2048))));
                            yield break;
                    }

                    if (eof)
                    {
                        yield return Reject(record + 1, RejectKinds.InvalidJson, "the file ends inside the array.", Lossy(buffer.AsSpan(cursor.Start, Math.Min(end - cursor.Start, 2048))));
                        yield break;
                    }

                    if (cursor.Start > 0)
                    {
                        Buffer.BlockCopy(buffer, cursor.Start, buffer, 0, end - cursor.Start);
                        end -= cursor.Start;
                        cursor.Start = 0;
                    }

                    if (end >= Options.MaxRecordBytes)
                    {
                        yield return Reject(record + 1, RejectKinds.RecordTooLarge, $"the record is longer than {Options.MaxRecordBytes} bytes. The rest of the file is skipped.", Lossy(buffer.AsSpan(0, 2048)));
                        yield break;
                    }

                    if (end == buffer.Length)
                    {
                        byte[] bigger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, Math.Max(Options.MaxRecordBytes, InitialBufferSize)));
                        Buffer.BlockCopy(buffer, 0, bigger, 0, end);
                        ArrayPool<byte>.Shared.Return(buffer);
                        buffer = bigger;
                    }

                    int read = await stream.ReadAsync(buffer.AsMemory(end), cancellationToken).ConfigureAwait(false);
                    eof = read == 0;
                    end += read;
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    /// <summary>
    /// Finds the next element in <paramref name="data"/> from the cursor. The cursor only moves when a whole
    /// element (or the array's start) was read, so a <see cref="Step.NeedMore"/> retries from the same place.
    /// </summary>
    private static Step Next(ReadOnlySpan<byte> data, bool eof, ref Cursor cursor, out int elementStart, out int elementLength, out string? error)
    {
        elementStart = elementLength = 0;
        error = null;
        try
        {
            var reader = new Utf8JsonReader(data[cursor.Start..], eof, cursor.State);
            if (!cursor.InArray)
            {
                if (!reader.Read())
                {
                    return Step.NeedMore;
                }

                if (reader.TokenType != JsonTokenType.StartArray)
                {
                    error = $"the file does not hold a JSON array (it starts with a {reader.TokenType}); use .jsonl for one object per line.";
                    return Step.Error;
                }

                cursor.InArray = true;
                cursor.Start += (int)reader.BytesConsumed;
                cursor.State = reader.CurrentState;
                reader = new Utf8JsonReader(data[cursor.Start..], eof, cursor.State);
            }

            if (!reader.Read())
            {
                return Step.NeedMore;
            }

            if (reader.TokenType == JsonTokenType.EndArray)
            {
                return Step.End;
            }

            int tokenStart = (int)reader.TokenStartIndex;
            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray && !reader.TrySkip())
            {
                return Step.NeedMore;
            }

            elementStart = cursor.Start + tokenStart;
            elementLength = (int)reader.BytesConsumed - tokenStart;
            cursor.Start += (int)reader.BytesConsumed;
            cursor.State = reader.CurrentState;
            return Step.Element;
        }
        catch (JsonException ex)
        {
            error = ex.Message;
            return Step.Error;
        }
    }

    private struct Cursor
    {
        public int Start;
        public bool InArray;
        public JsonReaderState State;
    }
}
