namespace CotForge.Storage.Index;

/// <summary>Every SQL statement of the sidecar index, one named constant each.</summary>
internal static class IndexSql
{
    /// <summary>Bump when the schema or the meaning of a column changes: an index of another version is rebuilt.</summary>
    public const int SchemaVersion = 1;

    // Random ids scatter inserts over the whole b-tree, so each group dirties about one page per item; a larger
    // auto-checkpoint threshold lets a checkpoint write each dirty page once for many groups (measured 3x fewer
    // commit costs at 200k items than the default of 1,000 pages).
    // Memory: a 16 MB page cache and no memory mapping. Mapped index pages count in the process's resident set (about
    // 100 MB at 1M items) and a 64 MB cache fills up on a large index, which together were a third of a 1M-row run's
    // peak working set; the pages are in the OS cache either way, so reading them costs a copy, not a disk access.
    public const string Pragmas = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA temp_store=MEMORY; PRAGMA cache_size=-16384; PRAGMA wal_autocheckpoint=16384; PRAGMA mmap_size=0;";

    /// <summary>The writer's second connection, which only reads a group's rows before the group is written.</summary>
    public const string ReaderPragmas = "PRAGMA cache_size=-2048; PRAGMA mmap_size=0; PRAGMA query_only=1;";

    public const string ReadUserVersion = "PRAGMA user_version;";

    public const string DropAll = """
        DROP TABLE IF EXISTS meta; DROP TABLE IF EXISTS items; DROP TABLE IF EXISTS errors; DROP TABLE IF EXISTS skipped;
        DROP TABLE IF EXISTS files; DROP TABLE IF EXISTS counters; DROP TABLE IF EXISTS legacy_ids;
        """;

    // items: the served (winning) line of each committed id. result_count / processed_count count every line of the
    // id seen so far in each file; they decide whether a processed line has its results line (the commit rule).
    public const string CreateSchema = """
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;
        CREATE TABLE items (
            id TEXT PRIMARY KEY,
            success INTEGER NOT NULL,
            result_offset INTEGER NOT NULL,
            result_length INTEGER NOT NULL,
            result_count INTEGER NOT NULL,
            processed_offset INTEGER,
            processed_length INTEGER,
            processed_count INTEGER NOT NULL,
            time TEXT
        ) WITHOUT ROWID;
        CREATE TABLE errors (
            id TEXT PRIMARY KEY, stage TEXT, kind TEXT, message TEXT, attempts INTEGER NOT NULL, time TEXT,
            offset INTEGER NOT NULL, length INTEGER NOT NULL
        ) WITHOUT ROWID;
        CREATE TABLE skipped (
            file TEXT NOT NULL, offset INTEGER NOT NULL, length INTEGER NOT NULL, id TEXT, reason TEXT NOT NULL,
            PRIMARY KEY (file, offset)
        ) WITHOUT ROWID;
        CREATE INDEX skipped_by_id ON skipped (id);
        CREATE TABLE files (
            name TEXT PRIMARY KEY, indexed_bytes INTEGER NOT NULL, head_length INTEGER NOT NULL, head_hash BLOB,
            tail_offset INTEGER NOT NULL, tail_length INTEGER NOT NULL, tail_hash BLOB
        ) WITHOUT ROWID;
        CREATE TABLE counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;
        CREATE TABLE legacy_ids (id TEXT PRIMARY KEY) WITHOUT ROWID;
        INSERT INTO counters (name, value) VALUES ('completed', 0), ('succeeded', 0), ('rejects', 0);
        """;

    public const string SetUserVersion = "PRAGMA user_version = 1;";

    public const string ReadMeta = "SELECT value FROM meta WHERE key = @Key;";

    public const string WriteMeta = "INSERT INTO meta (key, value) VALUES (@Key, @Value) ON CONFLICT(key) DO UPDATE SET value = excluded.value;";

    public const string ReadFileStates = """
        SELECT name AS Name, indexed_bytes AS IndexedBytes, head_length AS HeadLength, head_hash AS HeadHash,
               tail_offset AS TailOffset, tail_length AS TailLength, tail_hash AS TailHash
        FROM files;
        """;

    public const string WriteFileState = """
        INSERT INTO files (name, indexed_bytes, head_length, head_hash, tail_offset, tail_length, tail_hash)
        VALUES (@Name, @IndexedBytes, @HeadLength, @HeadHash, @TailOffset, @TailLength, @TailHash)
        ON CONFLICT(name) DO UPDATE SET indexed_bytes = excluded.indexed_bytes, head_length = excluded.head_length,
            head_hash = excluded.head_hash, tail_offset = excluded.tail_offset, tail_length = excluded.tail_length,
            tail_hash = excluded.tail_hash;
        """;

    public const string ReadCounters = "SELECT name AS Name, value AS Value FROM counters;";

    public const string AddToCounter = "UPDATE counters SET value = value + @Delta WHERE name = @Name;";

    public const string ReadItemStates = """
        SELECT i.id AS Id, i.success AS Success, i.result_offset AS ResultOffset, i.result_length AS ResultLength,
               i.result_count AS ResultCount, i.processed_offset AS ProcessedOffset, i.processed_length AS ProcessedLength,
               i.processed_count AS ProcessedCount, i.time AS Time
        FROM json_each(@Ids) j JOIN items i ON i.id = j.value;
        """;

    public const string InsertItem = """
        INSERT INTO items (id, success, result_offset, result_length, result_count, processed_offset, processed_length, processed_count, time)
        VALUES (@Id, @Success, @ResultOffset, @ResultLength, @ResultCount, @ProcessedOffset, @ProcessedLength, @ProcessedCount, @Time);
        """;

    public const string UpdateItem = """
        UPDATE items SET success = @Success, result_offset = @ResultOffset, result_length = @ResultLength,
            result_count = @ResultCount, processed_offset = @ProcessedOffset, processed_length = @ProcessedLength,
            processed_count = @ProcessedCount, time = @Time
        WHERE id = @Id;
        """;

    public const string InsertSkipped = """
        INSERT INTO skipped (file, offset, length, id, reason) VALUES (@File, @Offset, @Length, @Id, @Reason)
        ON CONFLICT(file, offset) DO UPDATE SET length = excluded.length, id = excluded.id, reason = excluded.reason;
        """;

    public const string DeleteSkippedFrom = "DELETE FROM skipped WHERE file = @File AND offset >= @Offset;";

    public const string ReadSkippedOffsets = "SELECT offset FROM skipped WHERE file = @File;";

    public const string CountSkipped = "SELECT count(*) FROM skipped;";

    public const string UpsertError = """
        INSERT INTO errors (id, stage, kind, message, attempts, time, offset, length)
        VALUES (@Id, @Stage, @Kind, @Message, @Attempts, @Time, @Offset, @Length)
        ON CONFLICT(id) DO UPDATE SET stage = excluded.stage, kind = excluded.kind, message = excluded.message,
            attempts = excluded.attempts, time = excluded.time, offset = excluded.offset, length = excluded.length;
        """;

    // An error counts as a failure only while its id has not completed since (SPEC §3).
    public const string CountFailed = "SELECT count(*) FROM errors e WHERE NOT EXISTS (SELECT 1 FROM items i WHERE i.id = e.id);";

    public const string SelectFailedIds = "SELECT e.id FROM errors e WHERE NOT EXISTS (SELECT 1 FROM items i WHERE i.id = e.id) ORDER BY e.offset;";

    public const string IsProcessed = """
        SELECT EXISTS (SELECT 1 FROM items WHERE id = @Id) OR EXISTS (SELECT 1 FROM legacy_ids WHERE id = @Id);
        """;

    // Returns positions in the @Ids array rather than the ids: no strings to decode for the hits.
    public const string FindProcessed = """
        SELECT j.key FROM json_each(@Ids) j
        WHERE EXISTS (SELECT 1 FROM items i WHERE i.id = j.value) OR EXISTS (SELECT 1 FROM legacy_ids l WHERE l.id = j.value);
        """;

    public const string FindSucceeded = """
        SELECT j.key FROM json_each(@Ids) j
        WHERE EXISTS (SELECT 1 FROM items i WHERE i.id = j.value AND i.success = 1) OR EXISTS (SELECT 1 FROM legacy_ids l WHERE l.id = j.value);
        """;

    public const string DataVersion = "PRAGMA data_version;";

    public const string ReadItem = """
        SELECT id AS Id, success AS Success, result_offset AS ResultOffset, result_length AS ResultLength,
               result_count AS ResultCount, processed_offset AS ProcessedOffset, processed_length AS ProcessedLength,
               processed_count AS ProcessedCount, time AS Time
        FROM items WHERE id = @Id;
        """;

    public const string ReadAllItems = """
        SELECT id AS Id, success AS Success, result_offset AS ResultOffset, result_length AS ResultLength,
               result_count AS ResultCount, processed_offset AS ProcessedOffset, processed_length AS ProcessedLength,
               processed_count AS ProcessedCount, time AS Time
        FROM items;
        """;

    public const string SelectAllIds = "SELECT id FROM items UNION SELECT id FROM legacy_ids;";

    public const string ReadSkippedById = "SELECT file AS File, offset AS Offset, length AS Length, id AS Id, reason AS Reason FROM skipped WHERE id = @Id;";

    public const string ReadErrorById = "SELECT offset AS Offset, length AS Length FROM errors WHERE id = @Id;";

    public const string ClearLegacyIds = "DELETE FROM legacy_ids;";

    public const string InsertLegacyId = "INSERT OR IGNORE INTO legacy_ids (id) SELECT @Id WHERE NOT EXISTS (SELECT 1 FROM items WHERE id = @Id);";

    public const string IsLegacyId = "SELECT EXISTS (SELECT 1 FROM legacy_ids WHERE id = @Id);";

    // Paged by id so that no SQLite statement stays open across a consumer's awaits.
    public const string PageProcessedIds = "SELECT id FROM (SELECT id FROM items UNION SELECT id FROM legacy_ids) WHERE id > @After ORDER BY id LIMIT @Limit;";

    public const string DeleteLegacyId = "DELETE FROM legacy_ids WHERE id = @Id;";

    public const string CountLegacyOnly = "SELECT count(*) FROM legacy_ids l WHERE NOT EXISTS (SELECT 1 FROM items i WHERE i.id = l.id);";

    public const string CountItems = "SELECT count(*) FROM items;";

    public const string CountSucceededItems = "SELECT count(*) FROM items WHERE success = 1;";
}
