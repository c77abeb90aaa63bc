using System.Security.Cryptography;
using Microsoft.Win32.SafeHandles;

namespace CotForge.Storage.Index;

/// <summary>Computes and checks the fingerprint a <see cref="FileState"/> records.</summary>
internal static class FileFingerprint
{
    public const int HeadSize = 4096;

    /// <summary>How a file relates to what the index recorded about it.</summary>
    public enum Verdict
    {
        /// <summary>The index covers the whole file.</summary>
        Current,

        /// <summary>The file grew past the indexed bytes; the tail can be indexed incrementally.</summary>
        Behind,

        /// <summary>Truncated, replaced or edited: rebuild.</summary>
        Invalid,
    }

    public static Verdict Check(string path, FileState state, out string reason)
    {
        reason = string.Empty;
        var info = new FileInfo(path);
        long length = info.Exists ? info.Length : 0;
        if (length < state.IndexedBytes)
        {
            reason = $"{Path.GetFileName(path)} is shorter ({length} bytes) than the {state.IndexedBytes} bytes the index covers";
            return Verdict.Invalid;
        }

        if (state.IndexedBytes == 0)
        {
            return length == 0 ? Verdict.Current : Verdict.Behind;
        }

        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        if (!HashEquals(Hash(handle, 0, state.HeadLength), state.HeadHash))
        {
            reason = $"the beginning of {Path.GetFileName(path)} changed since it was indexed (file replaced)";
            return Verdict.Invalid;
        }

        if (state.TailLength > 0 && !HashEquals(Hash(handle, state.TailOffset, state.TailLength), state.TailHash))
        {
            reason = $"the last indexed line of {Path.GetFileName(path)} changed since it was indexed (file replaced or edited)";
            return Verdict.Invalid;
        }

        return length == state.IndexedBytes ? Verdict.Current : Verdict.Behind;
    }

    /// <summary>
    /// Records that the index now covers <paramref name="indexedBytes"/> of the file, whose last complete line is at
    /// (<paramref name="tailOffset"/>, <paramref name="tailLength"/>). The head hash is recomputed only while the file is
    /// smaller than <see cref="HeadSize"/>; after that its first bytes never change.
    /// </summary>
    public static void Advance(string path, FileState state, long indexedBytes, long tailOffset, long tailLength)
    {
        if (indexedBytes == state.IndexedBytes && state.HeadHash is not null)
        {
            return;
        }

        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        long headLength = Math.Min(HeadSize, indexedBytes);
        if (headLength != state.HeadLength || state.HeadHash is null)
        {
            state.HeadLength = headLength;
            state.HeadHash = Hash(handle, 0, headLength);
        }

        state.IndexedBytes = indexedBytes;
        state.TailOffset = tailOffset;
        state.TailLength = tailLength;
        state.TailHash = tailLength > 0 ? Hash(handle, tailOffset, tailLength) : null;
    }

    /// <summary>
    /// Same as <see cref="Advance(string, FileState, long, long, long)"/> when the caller already hashed the last line
    /// (the writer has its bytes in memory): the file is only read while its head is still growing.
    /// </summary>
    public static void Advance(string path, FileState state, long indexedBytes, long tailOffset, long tailLength, byte[] tailHash)
    {
        if (state.HeadLength < HeadSize || state.HeadHash is null)
        {
            Advance(path, state, indexedBytes, tailOffset, tailLength);
            return;
        }

        state.IndexedBytes = indexedBytes;
        state.TailOffset = tailOffset;
        state.TailLength = tailLength;
        state.TailHash = tailHash;
    }

    public static byte[] HashLine(ReadOnlySpan<byte> line) => SHA256.HashData(line);

    private static byte[] Hash(SafeFileHandle handle, long offset, long length)
    {
        byte[] buffer = new byte[length];
        int read = 0;
        while (read < length)
        {
            int n = RandomAccess.Read(handle, buffer.AsSpan(read), offset + read);
            if (n == 0)
            {
                break;
            }

            read += n;
        }

        return SHA256.HashData(buffer.AsSpan(0, read));
    }

    private static bool HashEquals(byte[] actual, byte[]? expected) =>
        expected is not null && actual.AsSpan().SequenceEqual(expected);
}
