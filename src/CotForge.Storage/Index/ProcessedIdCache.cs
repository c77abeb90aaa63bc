using System.Collections;
using Dapper;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace CotForge.Storage.Index;

/// <summary>
/// An exact in-memory copy of the committed ids, for batched membership lookups at memory speed: cot-forge ids are
/// MD5 hex strings, stored here as 128-bit numbers in one sorted array (16 bytes per item) with a bit per item for
/// "succeeded". Ids that are not 32 lowercase hex digits are never cached; lookups of such ids go to SQLite. The
/// cache only answers while it is known to be complete: the manager feeds it every group its own writer commits
/// (before the index transaction commits, once the JSONL lines are durable, so it never lags the commit rule), and
/// drops it when anything else may have changed the index.
/// </summary>
internal sealed class ProcessedIdCache
{
    private const string SelectItems = "SELECT id, success FROM items ORDER BY id;";
    private const string SelectLegacy = "SELECT id FROM legacy_ids;";

    private readonly UInt128[] _ids;
    private readonly BitArray _succeeded;
    private readonly Dictionary<UInt128, bool> _added = new();

    private ProcessedIdCache(UInt128[] ids, BitArray succeeded)
    {
        _ids = ids;
        _succeeded = succeeded;
    }

    public int Count => _ids.Length + _added.Count;

    /// <summary>
    /// Loads every cacheable id from the index: one pass over the items table in key order, through the native SQLite
    /// API so that an id goes from the row's UTF-8 bytes to its number without a string in between (a 1M-item index
    /// loads in a fraction of a second, which is what makes building the copy worth it early).
    /// </summary>
    public static ProcessedIdCache Build(IndexStore store, int expectedCount)
    {
        var ids = new UInt128[Math.Max(expectedCount, 16)];
        var succeeded = new BitArray(ids.Length);
        int count = 0;
        var db = store.Connection.Handle ?? throw new InvalidOperationException("The index connection is not open.");
        int rc = raw.sqlite3_prepare_v2(db, SelectItems, out sqlite3_stmt statement);
        if (rc != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(rc, db);
        }

        using (statement)
        {
            while ((rc = raw.sqlite3_step(statement)) == raw.SQLITE_ROW)
            {
                if (!HexId.TryParse(raw.sqlite3_column_blob(statement, 0), out var key))
                {
                    continue;
                }

                if (count == ids.Length)
                {
                    Array.Resize(ref ids, ids.Length * 2);
                    succeeded.Length = ids.Length;
                }

                ids[count] = key;
                succeeded[count] = raw.sqlite3_column_int64(statement, 1) != 0;
                count++;
            }

            if (rc != raw.SQLITE_DONE)
            {
                SqliteException.ThrowExceptionForRC(rc, db);
            }
        }

        var array = ids.Length == count ? ids : ids.AsSpan(0, count).ToArray();
        var bits = succeeded;
        bits.Length = count;

        if (!IsSorted(array))
        {
            // Text order of lowercase hex equals numeric order, so this only runs for an unusual collation.
            var order = Enumerable.Range(0, array.Length).OrderBy(i => array[i]).ToArray();
            array = order.Select(i => ids[i]).ToArray();
            bits = new BitArray(order.Select(i => succeeded[i]).ToArray());
        }

        var cache = new ProcessedIdCache(array, bits);
        foreach (string id in store.Connection.Query<string>(new CommandDefinition(SelectLegacy, flags: CommandFlags.None)))
        {
            // Ids known only from a cot-forge metadata.json count as processed either way.
            if (TryParse(id, out var key) && !cache.Contains(key, includeUnverified: true))
            {
                cache._added[key] = true;
            }
        }

        return cache;
    }

    /// <summary>Parses a 32-digit lowercase hex id; anything else is not cacheable.</summary>
    public static bool TryParse(string id, out UInt128 key) => HexId.TryParse(id, out key);

    public bool Contains(UInt128 key, bool includeUnverified)
    {
        if (_added.TryGetValue(key, out bool addedSucceeded))
        {
            return includeUnverified || addedSucceeded;
        }

        int index = Array.BinarySearch(_ids, key);
        return index >= 0 && (includeUnverified || _succeeded[index]);
    }

    /// <summary>Records ids committed after the cache was built (a retry may turn an unverified id into a succeeded one).</summary>
    public void Add(string id, bool succeeded)
    {
        if (!TryParse(id, out var key))
        {
            return;
        }

        int index = Array.BinarySearch(_ids, key);
        if (index >= 0)
        {
            _succeeded[index] = _succeeded[index] || succeeded;
            return;
        }

        _added[key] = (_added.TryGetValue(key, out bool before) && before) || succeeded;
    }

    private static bool IsSorted(UInt128[] ids)
    {
        for (int i = 1; i < ids.Length; i++)
        {
            if (ids[i - 1] >= ids[i])
            {
                return false;
            }
        }

        return true;
    }
}
