using CotForge.Storage.Jsonl;
using CotForge.Storage.Layout;

namespace CotForge.Storage.Recovery;

/// <summary>
/// Cuts what a crash can leave at the end of an append-only JSONL file: a last line without its newline, or a last
/// line that does not parse (e.g. zero-filled blocks after a power loss). The bytes are appended to
/// <c>&lt;file&gt;.torn</c> for inspection before the file is truncated, so nothing disappears silently.
/// </summary>
internal static class TailRepair
{
    private const int ScanChunk = 64 * 1024;

    /// <summary>Returns the number of bytes cut (0 when the tail is sound).</summary>
    public static long CutTornTail(string path, Func<ReadOnlySpan<byte>, LineKind> classify)
    {
        long length = JsonlFiles.LengthOrZero(path);
        if (length == 0)
        {
            return 0;
        }

        long cutFrom;
        using (var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
        {
            long lastNewline = FindLastNewline(handle, length, length);
            if (lastNewline != length - 1)
            {
                // Incomplete last line: everything after the last newline.
                cutFrom = lastNewline + 1;
            }
            else
            {
                long previousNewline = FindLastNewline(handle, length, lastNewline);
                long lineStart = previousNewline + 1;
                byte[] line = new byte[lastNewline - lineStart];
                RandomAccess.Read(handle, line, lineStart);
                if (classify(line) != LineKind.Corrupt)
                {
                    return 0;
                }

                cutFrom = lineStart;
            }
        }

        MoveTailAside(path, cutFrom);
        return length - cutFrom;
    }

    /// <summary>Appends the bytes from <paramref name="offset"/> to the end to the .torn file, then truncates there.</summary>
    public static void MoveTailAside(string path, long offset)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
        long length = file.Length;
        if (offset >= length)
        {
            return;
        }

        using (var torn = new FileStream(path + DatasetFiles.TornSuffix, FileMode.Append, FileAccess.Write, FileShare.Read))
        {
            file.Position = offset;
            file.CopyTo(torn);
            if (torn.Position > 0)
            {
                // Keep pieces from different crashes apart.
                torn.WriteByte((byte)'\n');
            }

            torn.Flush(flushToDisk: true);
        }

        file.SetLength(offset);
        file.Flush(flushToDisk: true);
    }

    /// <summary>Offset of the last <c>\n</c> before <paramref name="before"/>, or -1.</summary>
    private static long FindLastNewline(Microsoft.Win32.SafeHandles.SafeFileHandle handle, long length, long before)
    {
        byte[] buffer = new byte[ScanChunk];
        long end = Math.Min(before, length);
        while (end > 0)
        {
            long start = Math.Max(0, end - ScanChunk);
            int count = (int)(end - start);
            int read = RandomAccess.Read(handle, buffer.AsSpan(0, count), start);
            int index = buffer.AsSpan(0, read).LastIndexOf((byte)'\n');
            if (index >= 0)
            {
                return start + index;
            }

            end = start;
        }

        return -1;
    }
}
