using System.Buffers;
using System.Runtime.CompilerServices;

namespace CotForge.Pipeline.Load;

/// <summary>
/// JSON Lines: one object per line, split on '\n' in a pooled byte buffer and parsed with
/// <see cref="System.Text.Json.Utf8JsonReader"/> straight from the bytes, so only the two wanted fields are ever decoded.
/// </summary>
internal sealed class JsonLinesRowReader : JsonRowReader
{
    private const int InitialBufferSize = 64 * 1024;
    private static ReadOnlySpan<byte> Bom => [0xEF, 0xBB, 0xBF];

    public JsonLinesRowReader(string path, InputOptions options)
        : base(path, options)
    {
    }

    protected override async IAsyncEnumerable<LoadedRecord> ReadCoreAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var stream = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
        await using (stream.ConfigureAwait(false))
        {
            byte[] buffer = ArrayPool<byte>.Shared.Rent(InitialBufferSize);
            try
            {
                int start = 0, end = 0;
                long lineNumber = 0;
                bool eof = false, first = true, skippingOversized = false;
                while (true)
                {
                    int newline = buffer.AsSpan(start, end - start).IndexOf((byte)'\n');
                    if (newline < 0)
                    {
                        if (eof)
                        {
                            if (start < end && !skippingOversized)
                            {
                                LoadedRecord? last = ProcessLine(buffer.AsSpan(start, end - start), ++lineNumber, ref first);
                                if (last is { } record)
                                {
                                    yield return record;
                                }
                            }

                            yield break;
                        }

                        if (start > 0)
                        {
                            Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
                            end -= start;
                            start = 0;
                        }

                        if (skippingOversized)
                        {
                            end = 0;
                        }
                        else if (end >= Options.MaxRecordBytes)
                        {
                            // The line is too long to hold: report it and drop bytes until its end.
                            lineNumber++;
                            skippingOversized = true;
                            yield return Reject(lineNumber, RejectKinds.RecordTooLarge, $"the line is longer than {Options.MaxRecordBytes} bytes", Lossy(buffer.AsSpan(0, Math.Min(end, 2048))));
                            end = 0;
                        }
                        else if (end == buffer.Length)
                        {
                            byte[] bigger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, Math.Max(Options.MaxRecordBytes, InitialBufferSize)));
                            Buffer.BlockCopy(buffer, 0, bigger, 0, end);
                            ArrayPool<byte>.Shared.Return(buffer);
                            buffer = bigger;
                        }

                        int read = await stream.ReadAsync(buffer.AsMemory(end), cancellationToken).ConfigureAwait(false);
                        if (read == 0)
                        {
                            eof = true;
                        }

                        end += read;
                        continue;
                    }

                    int lineStart = start;
                    start += newline + 1;
                    if (skippingOversized)
                    {
                        skippingOversized = false;
                        continue;
                    }

                    LoadedRecord? result = ProcessLine(buffer.AsSpan(lineStart, newline), ++lineNumber, ref first);
                    if (result is { } value)
                    {
                        yield return value;
                    }
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    private LoadedRecord? ProcessLine(ReadOnlySpan<byte> line, long lineNumber, ref bool first)
    {
        if (first)
        {
            first = false;
            if (line.StartsWith(Bom))
            {
                line = line[3..];
            }
        }

        if (line.Length > Options.MaxRecordBytes)
        {
            return Reject(lineNumber, RejectKinds.RecordTooLarge, $"the line is longer than {Options.MaxRecordBytes} bytes", Lossy(line[..Math.Min(line.Length, 2048)]));
        }

        return ProcessRecord(line, lineNumber);
    }
}
