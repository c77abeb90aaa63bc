using System.Buffers;

namespace CotForge.Storage.Jsonl;

/// <summary>
/// An <see cref="IBufferWriter{T}"/> over arrays rented from a pool (the shared one unless given); <see cref="Dispose"/>
/// returns them.
/// </summary>
internal sealed class PooledByteBuffer : IBufferWriter<byte>, IDisposable
{
    private readonly ArrayPool<byte> _pool;
    private byte[] _array;
    private int _count;

    public PooledByteBuffer(int initialCapacity = 8192, ArrayPool<byte>? pool = null)
    {
        _pool = pool ?? ArrayPool<byte>.Shared;
        _array = _pool.Rent(initialCapacity);
    }

    public int Count => _count;

    public int Capacity => _array.Length;

    public ReadOnlySpan<byte> WrittenSpan => _array.AsSpan(0, _count);

    public ReadOnlyMemory<byte> WrittenMemory => _array.AsMemory(0, _count);

    public void Advance(int count) => _count += count;

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _array.AsMemory(_count);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _array.AsSpan(_count);
    }

    public void Write(ReadOnlySpan<byte> bytes)
    {
        Ensure(bytes.Length);
        bytes.CopyTo(_array.AsSpan(_count));
        _count += bytes.Length;
    }

    public void Clear() => _count = 0;

    public void Dispose()
    {
        byte[] array = _array;
        _array = [];
        _count = 0;
        if (array.Length > 0)
        {
            _pool.Return(array);
        }
    }

    private void Ensure(int sizeHint)
    {
        int needed = _count + Math.Max(sizeHint, 1);
        if (needed <= _array.Length)
        {
            return;
        }

        byte[] bigger = _pool.Rent(Math.Max(needed, _array.Length * 2));
        _array.AsSpan(0, _count).CopyTo(bigger);
        if (_array.Length > 0)
        {
            _pool.Return(_array);
        }

        _array = bigger;
    }
}
