using System.Buffers;

namespace CotForge.Cli.Commands.Run;

/// <summary>
/// Estimates how many rows an input holds, for the ETA, by counting line breaks (a header line is not a row). Runs
/// beside the pipeline so a large file never delays the start; a CSV cell with embedded line breaks makes the
/// estimate a little high, which only makes the ETA cautious. A JSON array has no cheap count: null.
/// </summary>
internal static class InputRowCounter
{
    public static async Task<long?> CountAsync(string path, long? limit, CancellationToken cancellationToken)
    {
        var extension = Path.GetExtension(path).ToLowerInvariant();
        if (extension == ".json")
        {
            return limit;
        }

        long lines = 0;
        bool endsWithNewline = true;
        bool any = false;
        byte[] buffer = ArrayPool<byte>.Shared.Rent(1 << 16);
        try
        {
            await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
            int read;
            while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
            {
                var span = buffer.AsSpan(0, read);
                lines += span.Count((byte)'\n');
                endsWithNewline = span[^1] == (byte)'\n';
                any = true;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        if (any && !endsWithNewline)
        {
            lines++;
        }

        if (extension is ".csv" or ".tsv" && lines > 0)
        {
            lines--;
        }

        return limit is { } l ? Math.Min(l, lines) : lines;
    }
}
