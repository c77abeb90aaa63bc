namespace CotForge.Storage.Recovery;

/// <summary>Removes byte ranges (whole lines) from a file by writing a copy and renaming it over the original.</summary>
internal static class JsonlRewriter
{
    public static void RemoveRanges(string path, IEnumerable<(long Offset, long Length)> ranges)
    {
        var sorted = ranges.Where(r => r.Length > 0).OrderBy(r => r.Offset).ToList();
        if (sorted.Count == 0 || !File.Exists(path))
        {
            return;
        }

        string temp = path + ".rewrite.tmp";
        using (var source = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 20, FileOptions.SequentialScan))
        using (var target = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20))
        {
            long position = 0;
            foreach (var (offset, length) in sorted)
            {
                Copy(source, target, position, offset - position);
                position = offset + length;
            }

            Copy(source, target, position, source.Length - position);
            target.Flush(flushToDisk: true);
        }

        File.Move(temp, path, overwrite: true);
    }

    private static void Copy(FileStream source, FileStream target, long offset, long count)
    {
        if (count <= 0)
        {
            return;
        }

        byte[] buffer = new byte[Math.Min(count, 1 << 20)];
        source.Position = offset;
        while (count > 0)
        {
            int read = source.Read(buffer, 0, (int)Math.Min(buffer.Length, count));
            if (read == 0)
            {
                throw new IOException($"{source.Name} ended early while being rewritten.");
            }

            target.Write(buffer, 0, read);
            count -= read;
        }
    }
}
