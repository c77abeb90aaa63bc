using System.Collections;
using CotForge.Core.Items;
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

    // 16 bytes and a bit per id, the run's own commits included: a Dictionary<UInt128, bool> for those held ~65 MB
    // after a 1,000,000-item run.
    private readonly ItemKeySet _ids;

    private ProcessedIdCache(ItemKeySet ids) => _ids = ids;

    public int Count => _ids.Count;

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

        // Text order of lowercase hex equals numeric order, so the keys arrive sorted unless the collation is unusual
        // (FromSorted then sorts them).
        var cache = new ProcessedIdCache(ItemKeySet.FromSorted(ids, count, succeeded));
        foreach (string id in store.Connection.Query<string>(new CommandDefinition(SelectLegacy, flags: CommandFlags.None)))
        {
            // Ids known only from a cot-forge metadata.json count as processed either way.
            if (TryParse(id, out var key))
            {
                cache._ids.Add(key, flag: true);
            }
        }

        return cache;
    }

    /// <summary>Parses a 32-digit lowercase hex id; anything else is not cacheable.</summary>
    public static bool TryParse(string id, out UInt128 key) => HexId.TryParse(id, out key);

    public bool Contains(UInt128 key, bool includeUnverified) =>
        _ids.TryGetFlag(key, out bool succeeded) && (includeUnverified || succeeded);

    /// <summary>Records ids committed after the cache was built (a retry may turn an unverified id into a succeeded one).</summary>
    public void Add(string id, bool succeeded)
    {
        if (TryParse(id, out var key))
        {
            Add(key, succeeded);
        }
    }

    /// <inheritdoc cref="Add(string, bool)"/>
    public void Add(UInt128 key, bool succeeded) => _ids.AddOrRaise(key, succeeded);
}
