using Microsoft.Win32.SafeHandles;

namespace CotForge.Storage.Writing;

/// <summary>
/// Appends whole groups of lines to one JSONL file at a tracked offset with a single positioned write, so the writer
/// knows every line's offset without asking the file system.
/// </summary>
internal sealed class JsonlAppender : IDisposable
{
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

        // Opened lazily: a run without errors never creates errors.jsonl.
        _handle ??= File.OpenHandle(Path, FileMode.OpenOrCreate, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
        RandomAccess.Write(_handle, bytes, offset);
        Length = offset + bytes.Length;
        Dirty = true;
        return offset;
    }

    public void FlushToDisk()
    {
        if (_handle is not null && Dirty)
        {
            RandomAccess.FlushToDisk(_handle);
        }

        Dirty = false;
    }

    public void Dispose() => _handle?.Dispose();
}
