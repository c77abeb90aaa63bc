using System.Text;

namespace CotForge.Storage.Index;

/// <summary>
/// The <c>items</c> table of a full rebuild, held in memory while both JSONL files are read and then written once in
/// key order. Applying lines to an in-memory row costs a hash lookup, where the batched path (catch-up) costs a SQLite
/// probe per line and a random insert or update into a b-tree that, for a large directory, no longer fits the page
/// cache; inserting sorted rows only ever appends to the last leaf. The rules are those of <see cref="CommitRule"/>,
/// applied line by line in file order (tests check that both paths build the same index).
/// </summary>
/// <remarks>
/// About 100 bytes per item (a row, a dictionary entry and the time's UTF-8 bytes): the synchronizer stops using it
/// beyond a configurable number of items and indexes the rest in batches.
/// </remarks>
internal sealed class RebuildTable
{
    private readonly Dictionary<UInt128, int> _byKey = new();

    // Ids that are not 32 lowercase hex digits (never written by cot-forge or us, but legal in a hand-made file).
    private readonly Dictionary<string, int> _byText = new(StringComparer.Ordinal);
    private Row[] _rows = new Row[1024];
    private byte[] _times = new byte[32 * 1024];
    private int _timesLength;

    /// <summary>Items (rows) so far.</summary>
    public int Count { get; private set; }

    /// <summary>Rows whose served results line succeeded.</summary>
    public long Succeeded { get; private set; }

    /// <summary>Applies a results line (file order): the same rule as <see cref="CommitRule.ApplyResults"/>.</summary>
    public void ApplyResult(in ResultLine line, List<SkippedLine> skipped)
    {
        int index = Find(line.Id, out var key, out bool isHex);
        if (index < 0)
        {
            index = Add(line.Id, key, isHex);
            ref var added = ref _rows[index];
            added.Success = line.Success;
            added.ResultOffset = line.Offset;
            added.ResultLength = line.Length;
            added.ResultCount = 1;
            added.ProcessedOffset = -1;
            SetTime(ref added, line.Time);
            Succeeded += line.Success ? 1 : 0;
            return;
        }

        ref var row = ref _rows[index];
        row.ResultCount++;
        if (row.Success)
        {
            skipped.Add(new SkippedLine(FileKind.Results, line.Offset, line.Length, line.Id, SkippedLine.Duplicate));
            return;
        }

        skipped.Add(new SkippedLine(FileKind.Results, row.ResultOffset, row.ResultLength, line.Id, SkippedLine.Superseded));
        row.Success = line.Success;
        row.ResultOffset = line.Offset;
        row.ResultLength = line.Length;
        SetTime(ref row, line.Time);
        Succeeded += line.Success ? 1 : 0;
    }

    /// <summary>
    /// Applies a post-processed line (file order, after every results line) whose id is <paramref name="key"/>, or
    /// <paramref name="text"/> when it is not hex: the same rule as <see cref="CommitRule.ApplyProcessed"/>. Returns
    /// whether the line was linked to its item (false: an orphan).
    /// </summary>
    public bool ApplyProcessed(UInt128 key, string? text, long offset, long length, List<SkippedLine> skipped)
    {
        int index = text is null ? (_byKey.TryGetValue(key, out int k) ? k : -1) : Find(text, out _, out _);
        if (index < 0 || _rows[index].ProcessedCount >= _rows[index].ResultCount)
        {
            skipped.Add(new SkippedLine(FileKind.Processed, offset, length, text ?? HexId.ToString(key), SkippedLine.Orphan));
            return false;
        }

        ref var row = ref _rows[index];
        if (row.ProcessedOffset >= 0)
        {
            skipped.Add(new SkippedLine(FileKind.Processed, row.ProcessedOffset, row.ProcessedLength, text ?? HexId.ToString(key), SkippedLine.Superseded));
        }

        row.ProcessedCount++;
        row.ProcessedOffset = offset;
        row.ProcessedLength = length;
        return true;
    }

    /// <summary>Inserts every row into the (empty) items table, hex ids in key order first. Call inside a transaction.</summary>
    public void WriteTo(IndexStore store)
    {
        var keys = new UInt128[_byKey.Count];
        var hexRows = new int[_byKey.Count];
        int n = 0;
        foreach (var (key, index) in _byKey)
        {
            keys[n] = key;
            hexRows[n++] = index;
        }

        // Lowercase hex of a fixed width sorts as text exactly as the numbers sort.
        Array.Sort(keys, hexRows);
        using var insert = new ItemBulkInsert(store.Connection);
        Span<byte> id = stackalloc byte[32];
        foreach (int index in hexRows)
        {
            ref var row = ref _rows[index];
            HexId.Format(row.Key, id);
            Insert(insert, id, ref row);
        }

        foreach (var (text, index) in _byText.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            Insert(insert, Encoding.UTF8.GetBytes(text), ref _rows[index]);
        }
    }

    private void Insert(ItemBulkInsert insert, ReadOnlySpan<byte> id, ref Row row) =>
        insert.Insert(id, row.Success, row.ResultOffset, row.ResultLength, row.ResultCount,
            row.ProcessedOffset, row.ProcessedLength, row.ProcessedOffset >= 0, row.ProcessedCount,
            _times.AsSpan(Math.Max(row.TimeOffset, 0), Math.Max(row.TimeLength, 0)), row.TimeLength >= 0);

    private int Find(string id, out UInt128 key, out bool isHex)
    {
        isHex = ProcessedIdCache.TryParse(id, out key);
        if (isHex)
        {
            return _byKey.TryGetValue(key, out int index) ? index : -1;
        }

        return _byText.TryGetValue(id, out int other) ? other : -1;
    }

    private int Add(string id, UInt128 key, bool isHex)
    {
        if (Count == _rows.Length)
        {
            Array.Resize(ref _rows, _rows.Length * 2);
        }

        int index = Count++;
        if (isHex)
        {
            _byKey.Add(key, index);
            _rows[index].Key = key;
        }
        else
        {
            _byText.Add(id, index);
        }

        return index;
    }

    private void SetTime(ref Row row, string? time)
    {
        if (time is null)
        {
            row.TimeLength = -1;
            return;
        }

        int length = Encoding.UTF8.GetByteCount(time);

        // A retry's time usually has the same length as the one it replaces: reuse its bytes.
        int offset = row.TimeLength >= length ? row.TimeOffset : _timesLength;
        if (offset == _timesLength)
        {
            if (_timesLength + length > _times.Length)
            {
                Array.Resize(ref _times, Math.Max(_times.Length * 2, _timesLength + length));
            }

            _timesLength += length;
        }

        Encoding.UTF8.GetBytes(time, _times.AsSpan(offset, length));
        row.TimeOffset = offset;
        row.TimeLength = length;
    }

    /// <summary>One item's served lines (72 bytes).</summary>
    private struct Row
    {
        public UInt128 Key;
        public long ResultOffset;
        public long ProcessedOffset;
        public long ResultLength;
        public long ProcessedLength;
        public int ResultCount;
        public int ProcessedCount;
        public int TimeOffset;
        public int TimeLength;
        public bool Success;
    }
}
