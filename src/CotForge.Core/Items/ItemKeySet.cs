namespace CotForge.Core.Items;

/// <summary>
/// A set of 128-bit item keys (the MD5 of an item id) with one flag bit per key, in about 16 bytes and one bit per key:
/// a sorted array answers lookups by binary search, and keys added since the last merge wait in a small hash map that
/// is merged into the array once it holds an eighth as many keys.
/// </summary>
/// <remarks>
/// Runs over millions of rows keep every id they have seen or committed; a <see cref="HashSet{T}"/> of
/// <see cref="UInt128"/> costs 36 bytes per key plus its growth copies (a dictionary with a flag, 52), which made a
/// 1,000,000-row run hold over 110 MB for two id sets. Merges copy the array, so adding n keys costs O(n) copies in
/// total (the pending map is an eighth of the array at most). Not thread-safe.
/// </remarks>
public sealed class ItemKeySet
{
    private const int MinPending = 4096;

    private UInt128[] _keys;
    private ulong[] _flags;
    private int _count;
    private readonly Dictionary<UInt128, bool> _pending = [];

    /// <summary>An empty set.</summary>
    public ItemKeySet()
    {
        _keys = [];
        _flags = [];
    }

    private ItemKeySet(UInt128[] keys, ulong[] flags, int count)
    {
        _keys = keys;
        _flags = flags;
        _count = count;
    }

    /// <summary>Keys in the set.</summary>
    public int Count => _count + _pending.Count;

    /// <summary>
    /// A set holding <paramref name="keys"/> with their <paramref name="flags"/> (same length). Later duplicates of a
    /// key are ignored.
    /// </summary>
    public static ItemKeySet FromUnsorted(UInt128[] keys, bool[] flags)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(flags);
        if (keys.Length != flags.Length)
        {
            throw new ArgumentException("Every key needs its flag.", nameof(flags));
        }

        int[] order = new int[keys.Length];
        for (int i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        // Sorting positions (stable by index for equal keys) keeps the first occurrence of a duplicate.
        Array.Sort(order, (a, b) => keys[a] != keys[b] ? keys[a].CompareTo(keys[b]) : a.CompareTo(b));
        var sorted = new UInt128[keys.Length];
        var bits = new ulong[(keys.Length + 63) / 64];
        int count = 0;
        foreach (int at in order)
        {
            if (count > 0 && sorted[count - 1] == keys[at])
            {
                continue;
            }

            sorted[count] = keys[at];
            if (flags[at])
            {
                bits[count >> 6] |= 1UL << count;
            }

            count++;
        }

        return new ItemKeySet(sorted, bits, count);
    }

    /// <summary>
    /// A set over keys that are already in strictly increasing order, with the flag of key i in bit i of
    /// <paramref name="flags"/>; falls back to sorting when they are not.
    /// </summary>
    public static ItemKeySet FromSorted(UInt128[] keys, int count, System.Collections.BitArray flags)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(flags);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, keys.Length);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, flags.Length);
        for (int i = 1; i < count; i++)
        {
            if (keys[i - 1] >= keys[i])
            {
                bool[] unsortedFlags = new bool[count];
                for (int k = 0; k < count; k++)
                {
                    unsortedFlags[k] = flags[k];
                }

                return FromUnsorted(keys.AsSpan(0, count).ToArray(), unsortedFlags);
            }
        }

        var bits = new ulong[(keys.Length + 63) / 64];
        for (int i = 0; i < count; i++)
        {
            if (flags[i])
            {
                bits[i >> 6] |= 1UL << i;
            }
        }

        return new ItemKeySet(keys, bits, count);
    }

    /// <summary>
    /// Adds <paramref name="key"/> with <paramref name="flag"/>, or, when it is already there, sets its flag if
    /// <paramref name="flag"/> is true (a flag is never cleared).
    /// </summary>
    public void AddOrRaise(UInt128 key, bool flag)
    {
        int at = Find(key);
        if (at >= 0)
        {
            if (flag)
            {
                _flags[at >> 6] |= 1UL << at;
            }

            return;
        }

        if (_pending.TryGetValue(key, out bool before))
        {
            _pending[key] = before || flag;
            return;
        }

        Add(key, flag);
    }

    /// <summary>Adds <paramref name="key"/> with <paramref name="flag"/>; false (and the flag unchanged) when it was already there.</summary>
    public bool Add(UInt128 key, bool flag = false)
    {
        if (Find(key) >= 0 || !_pending.TryAdd(key, flag))
        {
            return false;
        }

        if (_pending.Count >= Math.Max(MinPending, _count / 8))
        {
            Merge();
        }

        return true;
    }

    /// <summary>Whether <paramref name="key"/> is in the set.</summary>
    public bool Contains(UInt128 key) => Find(key) >= 0 || _pending.ContainsKey(key);

    /// <summary>Whether <paramref name="key"/> is in the set, and its flag.</summary>
    public bool TryGetFlag(UInt128 key, out bool flag)
    {
        int at = Find(key);
        if (at >= 0)
        {
            flag = (_flags[at >> 6] & (1UL << at)) != 0;
            return true;
        }

        return _pending.TryGetValue(key, out flag);
    }

    private int Find(UInt128 key)
    {
        int at = Array.BinarySearch(_keys, 0, _count, key);
        return at >= 0 ? at : -1;
    }

    private void Merge()
    {
        var added = new UInt128[_pending.Count];
        _pending.Keys.CopyTo(added, 0);
        Array.Sort(added);
        int total = _count + added.Length;
        // A quarter of headroom, so the next merges reuse the array instead of allocating a new one each time.
        var keys = total <= _keys.Length ? _keys : new UInt128[total + (total / 4)];
        var flags = new ulong[(keys.Length + 63) / 64];
        var oldFlags = _flags;

        // Merge from the back so the old keys can be moved within the same array when it has room.
        int i = _count - 1, j = added.Length - 1, k = total - 1;
        while (j >= 0)
        {
            bool takeOld = i >= 0 && _keys[i] > added[j];
            UInt128 key = takeOld ? _keys[i] : added[j];
            bool flag = takeOld ? (oldFlags[i >> 6] & (1UL << i)) != 0 : _pending[added[j]];
            keys[k] = key;
            if (flag)
            {
                flags[k >> 6] |= 1UL << k;
            }

            if (takeOld)
            {
                i--;
            }
            else
            {
                j--;
            }

            k--;
        }

        // The old keys below every added one stay where they are; copy their flags.
        for (; i >= 0; i--)
        {
            keys[i] = _keys[i];
            if ((oldFlags[i >> 6] & (1UL << i)) != 0)
            {
                flags[i >> 6] |= 1UL << i;
            }
        }

        _keys = keys;
        _flags = flags;
        _count = total;
        _pending.Clear();
    }
}
