using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace CotForge.Storage.Index;

/// <summary>
/// Inserts rows into <c>items</c> through one prepared statement driven by the native SQLite API, binding the id and
/// the time as UTF-8 spans. A rebuild inserts one row per item (a million for a 1M-item directory): through
/// <see cref="SqliteCommand"/> each row costs a parameter collection walk and two UTF-16 → UTF-8 string conversions,
/// here it costs the binds and the step. Runs inside the caller's transaction on the same connection.
/// </summary>
internal sealed class ItemBulkInsert : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;

    public ItemBulkInsert(SqliteConnection connection)
    {
        _db = connection.Handle ?? throw new InvalidOperationException("The index connection is not open.");
        Check(raw.sqlite3_prepare_v2(_db, IndexSql.InsertItem, out _statement));
    }

    /// <summary>Inserts one row; a null offset/length or time is bound as SQL NULL.</summary>
    public void Insert(ReadOnlySpan<byte> id, bool success, long resultOffset, long resultLength, long resultCount,
        long processedOffset, long processedLength, bool hasProcessed, long processedCount, ReadOnlySpan<byte> time, bool hasTime)
    {
        var s = _statement;
        Check(raw.sqlite3_bind_text(s, 1, id));
        Check(raw.sqlite3_bind_int64(s, 2, success ? 1 : 0));
        Check(raw.sqlite3_bind_int64(s, 3, resultOffset));
        Check(raw.sqlite3_bind_int64(s, 4, resultLength));
        Check(raw.sqlite3_bind_int64(s, 5, resultCount));
        Check(hasProcessed ? raw.sqlite3_bind_int64(s, 6, processedOffset) : raw.sqlite3_bind_null(s, 6));
        Check(hasProcessed ? raw.sqlite3_bind_int64(s, 7, processedLength) : raw.sqlite3_bind_null(s, 7));
        Check(raw.sqlite3_bind_int64(s, 8, processedCount));
        Check(hasTime ? raw.sqlite3_bind_text(s, 9, time) : raw.sqlite3_bind_null(s, 9));
        int rc = raw.sqlite3_step(s);
        raw.sqlite3_reset(s);
        if (rc != raw.SQLITE_DONE)
        {
            SqliteException.ThrowExceptionForRC(rc, _db);
        }
    }

    public void Dispose() => _statement.Dispose();

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(rc, _db);
        }
    }
}
