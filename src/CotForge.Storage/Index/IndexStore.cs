using System.Buffers;
using System.Text.Json;
using Dapper;
using Microsoft.Data.Sqlite;

namespace CotForge.Storage.Index;

/// <summary>
/// The SQLite sidecar index (WAL, <c>synchronous=NORMAL</c>): derived data over the JSONL files. It can be deleted at
/// any time; <see cref="IndexSynchronizer"/> rebuilds or catches it up. Not thread-safe: one instance per thread of use.
/// </summary>
internal sealed class IndexStore : IDisposable
{
    private static readonly string[] ItemParameters =
        ["@Id", "@Success", "@ResultOffset", "@ResultLength", "@ResultCount", "@ProcessedOffset", "@ProcessedLength", "@ProcessedCount", "@Time"];

    private SqliteCommand? _insertItem;
    private SqliteCommand? _updateItem;

    private IndexStore(SqliteConnection connection, string? path, bool isNew)
    {
        Connection = connection;
        Path = path;
        IsNew = isNew;
    }

    public SqliteConnection Connection { get; }

    /// <summary>The index file, or null for an in-memory index.</summary>
    public string? Path { get; }

    /// <summary>The schema was (re)created by this open: the index is empty and must be built from the files.</summary>
    public bool IsNew { get; private set; }

    /// <summary>
    /// Opens the index file. A file that is not a database, has another schema version or is damaged is deleted and
    /// recreated empty when <paramref name="mayRecreate"/>; otherwise null is returned so the caller can fall back.
    /// </summary>
    public static IndexStore? Open(string path, TimeSpan busyTimeout, bool mayRecreate)
    {
        bool existed = File.Exists(path);
        if (!existed && !mayRecreate)
        {
            return null;
        }

        try
        {
            var store = OpenConnection(path, busyTimeout, mayRecreate);
            if (store is not null)
            {
                return store;
            }
        }
        catch (SqliteException) when (mayRecreate)
        {
            // Damaged beyond opening: fall through and start from an empty file.
        }
        catch (SqliteException)
        {
            return null;
        }

        if (!mayRecreate)
        {
            return null;
        }

        DeleteFiles(path);
        return OpenConnection(path, busyTimeout, mayRecreate: true);
    }

    /// <summary>
    /// A second connection to this index file for reading while this one writes (WAL lets a reader see the last
    /// committed state without waiting for a transaction in progress); null for an in-memory index, which cannot have
    /// one. It keeps a small page cache of its own: the pages it reads are in the OS cache anyway.
    /// </summary>
    public IndexStore? OpenReader(TimeSpan busyTimeout)
    {
        if (Path is null)
        {
            return null;
        }

        var connection = CreateConnection(Path, SqliteOpenMode.ReadWrite, busyTimeout);
        try
        {
            connection.Open();
            connection.Execute(new CommandDefinition(IndexSql.ReaderPragmas));
            return new IndexStore(connection, Path, isNew: false);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>An index that lives in memory only: used by readers when the index file cannot be used.</summary>
    public static IndexStore OpenInMemory()
    {
        var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        var store = new IndexStore(connection, null, isNew: true);
        store.CreateSchema();
        return store;
    }

    public static void DeleteFiles(string path)
    {
        foreach (string file in new[] { path, path + "-wal", path + "-shm", path + "-journal" })
        {
            File.Delete(file);
        }
    }

    /// <summary>Empties every table (schema recreated), e.g. before a rebuild.</summary>
    public void Recreate()
    {
        DisposeCommands();
        using var tx = Connection.BeginTransaction();
        Connection.Execute(new CommandDefinition(IndexSql.DropAll, transaction: tx));
        tx.Commit();
        CreateSchema();
        IsNew = true;
    }

    public SqliteTransaction Begin() => Connection.BeginTransaction();

    /// <summary>Called once the index was built from the files: later synchronizations only catch up.</summary>
    public void MarkSynchronized() => IsNew = false;

    public string? GetMeta(string key, SqliteTransaction? tx = null) =>
        Connection.QueryFirstOrDefault<string?>(new CommandDefinition(IndexSql.ReadMeta, new { Key = key }, tx));

    public void SetMeta(string key, string? value, SqliteTransaction tx) =>
        Connection.Execute(new CommandDefinition(IndexSql.WriteMeta, new { Key = key, Value = value }, tx));

    public Dictionary<string, FileState> ReadFileStates(SqliteTransaction? tx = null) =>
        Connection.Query<FileState>(new CommandDefinition(IndexSql.ReadFileStates, transaction: tx)).ToDictionary(s => s.Name, StringComparer.Ordinal);

    public void WriteFileState(FileState state, SqliteTransaction tx) =>
        Connection.Execute(new CommandDefinition(IndexSql.WriteFileState, state, tx));

    public Dictionary<string, long> ReadCounters(SqliteTransaction? tx = null) =>
        Connection.Query<(string Name, long Value)>(new CommandDefinition(IndexSql.ReadCounters, transaction: tx))
            .ToDictionary(c => c.Name, c => c.Value, StringComparer.Ordinal);

    public void ApplyCounters(IndexCounters counters, SqliteTransaction tx)
    {
        var deltas = new List<object>(3);
        if (counters.CompletedDelta != 0)
        {
            deltas.Add(new { Name = IndexCounters.Completed, Delta = counters.CompletedDelta });
        }

        if (counters.SucceededDelta != 0)
        {
            deltas.Add(new { Name = IndexCounters.Succeeded, Delta = counters.SucceededDelta });
        }

        if (counters.RejectsDelta != 0)
        {
            deltas.Add(new { Name = IndexCounters.Rejects, Delta = counters.RejectsDelta });
        }

        foreach (var delta in deltas)
        {
            Connection.Execute(new CommandDefinition(IndexSql.AddToCounter, delta, tx));
        }

        counters.CompletedDelta = counters.SucceededDelta = counters.RejectsDelta = 0;
    }

    /// <summary>Loads the rows of the given ids that exist, in one query per call.</summary>
    public Dictionary<string, ItemState> LoadStates(IEnumerable<string> ids, SqliteTransaction? tx)
    {
        string json = ToJsonArray(ids);
        return Connection.Query<ItemState>(new CommandDefinition(IndexSql.ReadItemStates, new { Ids = json }, tx))
            .ToDictionary(s => s.Id, StringComparer.Ordinal);
    }

    public void SaveStates(IEnumerable<ItemState> states, SqliteTransaction tx)
    {
        foreach (var state in states)
        {
            if (state.IsNew)
            {
                ExecuteItemCommand(ref _insertItem, IndexSql.InsertItem, state, tx);
            }
            else if (state.IsDirty)
            {
                ExecuteItemCommand(ref _updateItem, IndexSql.UpdateItem, state, tx);
            }

            state.IsNew = false;
            state.IsDirty = false;
        }
    }

    /// <summary>
    /// The one per-row statement on the hot path (every committed item, every indexed line of a rebuild). It keeps one
    /// prepared command with its parameters and only rebinds values: Dapper re-creates the parameter collection for
    /// every row, which measured about 3x slower here. Everything else goes through Dapper.
    /// </summary>
    private void ExecuteItemCommand(ref SqliteCommand? command, string sql, ItemState state, SqliteTransaction tx)
    {
        if (command is null)
        {
            command = Connection.CreateCommand();
            command.CommandText = sql;
            foreach (string name in ItemParameters)
            {
                command.Parameters.Add(new SqliteParameter(name, null));
            }
        }

        command.Transaction = tx;
        var p = command.Parameters;
        p[0].Value = state.Id;
        p[1].Value = state.Success;
        p[2].Value = state.ResultOffset;
        p[3].Value = state.ResultLength;
        p[4].Value = state.ResultCount;
        p[5].Value = (object?)state.ProcessedOffset ?? DBNull.Value;
        p[6].Value = (object?)state.ProcessedLength ?? DBNull.Value;
        p[7].Value = state.ProcessedCount;
        p[8].Value = (object?)state.Time ?? DBNull.Value;
        command.ExecuteNonQuery();
    }

    private void DisposeCommands()
    {
        _insertItem?.Dispose();
        _updateItem?.Dispose();
        _insertItem = null;
        _updateItem = null;
    }

    public void AddSkipped(IReadOnlyCollection<SkippedLine> lines, SqliteTransaction tx)
    {
        if (lines.Count > 0)
        {
            Connection.Execute(new CommandDefinition(IndexSql.InsertSkipped, lines, tx));
        }
    }

    public void DeleteSkippedFrom(string file, long offset, SqliteTransaction tx) =>
        Connection.Execute(new CommandDefinition(IndexSql.DeleteSkippedFrom, new { File = file, Offset = offset }, tx));

    public HashSet<long> ReadSkippedOffsets(string file, SqliteTransaction? tx = null) =>
        Connection.Query<long>(new CommandDefinition(IndexSql.ReadSkippedOffsets, new { File = file }, tx)).ToHashSet();

    public void UpsertErrors(IReadOnlyCollection<ErrorLine> errors, SqliteTransaction tx)
    {
        if (errors.Count > 0)
        {
            Connection.Execute(new CommandDefinition(IndexSql.UpsertError, errors, tx));
        }
    }

    public long Scalar(string sql, object? args = null, SqliteTransaction? tx = null) =>
        Connection.ExecuteScalar<long>(new CommandDefinition(sql, args, tx));

    public bool IsProcessed(string id) =>
        Connection.ExecuteScalar<long>(new CommandDefinition(IndexSql.IsProcessed, new { Id = id })) != 0;

    /// <summary>
    /// Adds the processed ids of <paramref name="batch"/> to <paramref name="found"/> in one query. The batch is sorted
    /// first so the index probes walk the b-tree in order (neighbouring probes share pages).
    /// </summary>
    public void FindProcessed(List<string> batch, bool includeUnverified, HashSet<string> found, SqliteTransaction? tx = null)
    {
        batch.Sort(StringComparer.Ordinal);
        string json = ToJsonArray(batch);
        foreach (long position in Connection.Query<long>(new CommandDefinition(includeUnverified ? IndexSql.FindProcessed : IndexSql.FindSucceeded, new { Ids = json }, tx)))
        {
            found.Add(batch[(int)position]);
        }
    }

    /// <summary>Changes whenever another connection (another process, or this process's writer) committed.</summary>
    public long DataVersion() => Connection.ExecuteScalar<long>(new CommandDefinition(IndexSql.DataVersion));

    public ItemState? ReadItem(string id, SqliteTransaction? tx = null) =>
        Connection.QueryFirstOrDefault<ItemState>(new CommandDefinition(IndexSql.ReadItem, new { Id = id }, tx));

    public IEnumerable<ItemState> ReadAllItems(SqliteTransaction? tx = null) =>
        Connection.Query<ItemState>(new CommandDefinition(IndexSql.ReadAllItems, transaction: tx, flags: CommandFlags.None));

    public IReadOnlyList<SkippedLine> ReadSkippedById(string id, SqliteTransaction? tx = null) =>
        Connection.Query<SkippedLine>(new CommandDefinition(IndexSql.ReadSkippedById, new { Id = id }, tx)).AsList();

    public void ReplaceLegacyIds(IEnumerable<string> ids, SqliteTransaction tx)
    {
        Connection.Execute(new CommandDefinition(IndexSql.ClearLegacyIds, transaction: tx));
        Connection.Execute(new CommandDefinition(IndexSql.InsertLegacyId, ids.Select(id => new { Id = id }), tx));
    }

    public bool IsLegacyId(string id) =>
        Connection.ExecuteScalar<long>(new CommandDefinition(IndexSql.IsLegacyId, new { Id = id })) != 0;

    public void DeleteLegacyId(string id, SqliteTransaction tx) =>
        Connection.Execute(new CommandDefinition(IndexSql.DeleteLegacyId, new { Id = id }, tx));

    public List<string> PageProcessedIds(string after, int limit, CancellationToken cancellationToken) =>
        Connection.Query<string>(new CommandDefinition(IndexSql.PageProcessedIds, new { After = after, Limit = limit }, cancellationToken: cancellationToken)).AsList();

    public List<string> FailedIds() =>
        Connection.Query<string>(new CommandDefinition(IndexSql.SelectFailedIds)).AsList();

    public void Dispose()
    {
        DisposeCommands();
        Connection.Dispose();
    }

    private static IndexStore? OpenConnection(string path, TimeSpan busyTimeout, bool mayRecreate)
    {
        var connection = CreateConnection(path, SqliteOpenMode.ReadWriteCreate, busyTimeout);
        try
        {
            connection.Open();
            connection.Execute(new CommandDefinition(IndexSql.Pragmas));
            long version = connection.ExecuteScalar<long>(new CommandDefinition(IndexSql.ReadUserVersion));
            if (version == IndexSql.SchemaVersion)
            {
                // Touch every table once: a damaged or partial schema throws here rather than later.
                connection.Query<FileState>(new CommandDefinition(IndexSql.ReadFileStates)).AsList();
                connection.ExecuteScalar<long>(new CommandDefinition(IndexSql.CountSkipped));
                connection.Query<(string Name, long Value)>(new CommandDefinition(IndexSql.ReadCounters)).AsList();
                connection.ExecuteScalar<long>(new CommandDefinition(IndexSql.CountLegacyOnly));
                return new IndexStore(connection, path, isNew: false);
            }

            if (!mayRecreate)
            {
                connection.Dispose();
                return null;
            }

            var store = new IndexStore(connection, path, isNew: true);
            store.Recreate();
            return store;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private static SqliteConnection CreateConnection(string path, SqliteOpenMode mode, TimeSpan busyTimeout) =>
        new(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = mode,

            // Pooling would keep the file open after Dispose, which breaks Reset and deleting the directory.
            Pooling = false,
            DefaultTimeout = Math.Max(1, (int)busyTimeout.TotalSeconds),
        }.ToString());

    private void CreateSchema()
    {
        using var tx = Connection.BeginTransaction();
        Connection.Execute(new CommandDefinition(IndexSql.CreateSchema, transaction: tx));
        Connection.Execute(new CommandDefinition(IndexSql.SetUserVersion, transaction: tx));
        tx.Commit();
    }

    internal static string ToJsonArray(IEnumerable<string> ids)
    {
        var buffer = new ArrayBufferWriter<byte>(16 * 1024);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (string id in ids)
            {
                writer.WriteStringValue(id);
            }

            writer.WriteEndArray();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
