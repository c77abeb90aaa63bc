namespace CotForge.Storage.Jsonl;

/// <summary>
/// Reads complete lines (terminated by <c>\n</c>) of a file sequentially from a start offset up to an end offset,
/// with their byte offsets. A trailing piece without <c>\n</c> is not returned as a line: it is reported through
/// <see cref="TrailingBytes"/> so callers can treat it as torn. The span returned by <see cref="TryReadLine"/> is valid
/// until the next call.
/// </summary>
internal sealed class JsonlLineReader : IDisposable
{
    private readonly Stream _stream;
    private readonly long _end;
    private byte[] _buffer;
    private int _start;
    private int _count;
    private long _bufferOffset;
    private long _position;
    private bool _eof;

    public JsonlLineReader(Stream stream, long start, long end, int bufferSize = JsonlFiles.ReadBufferSize)
    {
        _stream = stream;
        _end = end;
        _stream.Position = start;
        _bufferOffset = start;
        _position = start;
        _buffer = new byte[Math.Max(4096, (int)Math.Min(bufferSize, Math.Max(end - start, 4096)))];
    }

    /// <summary>Bytes after the last complete line (a torn tail) once the reader reached the end.</summary>
    public long TrailingBytes { get; private set; }

    /// <summary>Offset just after the last complete line returned.</summary>
    public long Position => _position;

    public bool TryReadLine(out long offset, out ReadOnlySpan<byte> line)
    {
        while (true)
        {
            int newline = _buffer.AsSpan(_start, _count).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                offset = _bufferOffset + _start;
                line = _buffer.AsSpan(_start, newline);
                _start += newline + 1;
                _count -= newline + 1;
                _position = offset + newline + 1;
                return true;
            }

            if (_eof || !Fill())
            {
                TrailingBytes = _count;
                offset = _position;
                line = default;
                return false;
            }
        }
    }

    private bool Fill()
    {
        if (_start > 0)
        {
            // Keep the unfinished line and make room behind it.
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _count);
            _bufferOffset += _start;
            _start = 0;
        }

        if (_count == _buffer.Length)
        {
            // One line is longer than the buffer: grow it rather than fail.
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }

        long remaining = _end - (_bufferOffset + _count);
        if (remaining <= 0)
        {
            _eof = true;
            return false;
        }

        int toRead = (int)Math.Min(_buffer.Length - _count, remaining);
        int read = _stream.Read(_buffer, _count, toRead);
        if (read == 0)
        {
            _eof = true;
            return false;
        }

        _count += read;
        return true;
    }

    public void Dispose() => _stream.Dispose();
}
