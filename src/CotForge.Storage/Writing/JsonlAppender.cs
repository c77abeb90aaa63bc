using Microsoft.Win32.SafeHandles;

namespace CotForge.Storage.Writing;

/// <summary>
/// Appends whole groups of lines to one JSONL file at a tracked offset with a single positioned write, so the writer
/// knows every line's offset without asking the file system.
/// </summary>
internal sealed class JsonlAppender : IDisposable
{
    private readonly Lock _sync = new();
    private SafeFileHandle? _handle;

    public JsonlAppender(string path)
    {
        Path = path;
        Length = Jsonl.JsonlFiles.LengthOrZero(path);
    }

    public string Path { get; }

    /// <summary>Where the next line goes (the file's length after recovery plus what we appended).</summary>
    public long Length { get; private set; }

    /// <summary>True when bytes were written since the last <see cref="FlushToDisk"/>.</summary>
    public bool Dirty { get; private set; }

    /// <summary>Writes <paramref name="bytes"/> at the end and returns the offset they start at.</summary>
    public long Append(ReadOnlySpan<byte> bytes)
    {
        long offset = Length;
        if (bytes.IsEmpty)
        {
            return offset;
        }

        lock (_sync)
        {
            RandomAccess.Write(OpenedHandle(), bytes, offset);
            Length = offset + bytes.Length;
            Dirty = true;
        }

        return offset;
    }

    /// <summary>
    /// Writes <paramref name="lines"/> (<paramref name="totalLength"/> bytes together) at the end with gathering writes,
    /// so the group's lines go to the kernel straight from their buffers instead of being copied into one first.
    /// </summary>
    public void Append(List<ReadOnlyMemory<byte>> lines, long totalLength)
    {
        if (totalLength == 0)
        {
            return;
        }

        lock (_sync)
        {
            RandomAccess.Write(OpenedHandle(), lines, Length);
            Length += totalLength;
            Dirty = true;
        }
    }

    public void FlushToDisk()
    {
        // Under the lock: the writer's checkpoint flushes from the index thread while the next group is appended, and a
        // line appended during the flush must stay marked dirty.
        lock (_sync)
        {
            if (_handle is not null && Dirty)
            {
                RandomAccess.FlushToDisk(_handle);
            }

            Dirty = false;
        }
    }

    public void Dispose() => _handle?.Dispose();

    // Opened lazily (under the lock): a run without errors never creates errors.jsonl.
    private SafeFileHandle OpenedHandle() =>
        _handle ??= File.OpenHandle(Path, FileMode.OpenOrCreate, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
}
