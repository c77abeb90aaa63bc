using CotForge.Storage.Jsonl;
using CotForge.Storage.Layout;
using CotForge.Storage.Metadata;
using CotForge.Storage.Recovery;
using Microsoft.Data.Sqlite;

namespace CotForge.Storage.Index;

/// <summary>
/// Brings the index in line with the JSONL files: verifies each file's fingerprint, then either indexes only the
/// un-indexed tail (catch-up) or, when a file was truncated, replaced, or the index is new or of another version,
/// rebuilds from the start. Files are read sequentially once; nothing already indexed is read again.
/// </summary>
internal sealed partial class IndexSynchronizer
{
    private const int BatchLines = 8192;

    // About 30 bytes per id: beyond this a rebuild looks every id up instead of remembering it.
    private const int MaxSeenIds = 20_000_000;
    private const string ProcessedFileKey = "processed_file";
    private const string MetadataFingerprintKey = "metadata_fingerprint";
    public const string LastUpdatedKey = "last_updated";
    public const string RunInfoKey = "run_info";

    private readonly IndexStore _store;
    private readonly DatasetFiles _files;
    private readonly bool _mayModifyFiles;
    private readonly RecoveryReport _report;
    private readonly int _maxInMemoryItems;

    private IndexSynchronizer(IndexStore store, DatasetFiles files, bool mayModifyFiles, RecoveryReport report, int maxInMemoryItems)
    {
        _maxInMemoryItems = maxInMemoryItems;
        _store = store;
        _files = files;
        _mayModifyFiles = mayModifyFiles;
        _report = report;
    }

    /// <summary>
    /// Checks whether the index can serve as it is (a reader next to a live writer must not write it). Returns null
    /// when it can, else the reason it cannot.
    /// </summary>
    public static string? CheckUsable(IndexStore store, DatasetFiles files)
    {
        if (store.IsNew)
        {
            return "the index is new";
        }

        if (store.GetMeta(ProcessedFileKey) != files.ProcessedFileName)
        {
            return "the index was built for another post-processed file";
        }

        var states = store.ReadFileStates();
        foreach (var (kind, path) in Tracked(files))
        {
            if (!states.TryGetValue(kind, out var state))
            {
                return $"the index has no record of {Path.GetFileName(path)}";
            }

            if (FileFingerprint.Check(path, state, out string reason) == FileFingerprint.Verdict.Invalid)
            {
                return reason;
            }
        }

        return null;
    }

    /// <summary>
    /// Catches up or rebuilds <paramref name="store"/>. With <paramref name="mayModifyFiles"/> (the caller holds the
    /// directory lock) torn tails and trailing orphans are cut first; without it, only complete lines are indexed and
    /// the files are left untouched. A rebuild of up to <paramref name="maxInMemoryItems"/> items applies the commit rule
    /// in memory and writes the items table once (<see cref="RebuildInMemory"/>); beyond that it continues in batches.
    /// </summary>
    public static void Synchronize(IndexStore store, DatasetFiles files, bool mayModifyFiles, RecoveryReport report,
        int maxInMemoryItems = PersistenceOptions.DefaultRebuildInMemoryMaxItems)
    {
        var sync = new IndexSynchronizer(store, files, mayModifyFiles, report, maxInMemoryItems);
        sync.Run();
    }

    private static IEnumerable<(string Kind, string Path)> Tracked(DatasetFiles files)
    {
        yield return (FileKind.Results, files.Results);
        yield return (FileKind.Processed, files.Processed);
        yield return (FileKind.Errors, files.Errors);
        yield return (FileKind.Rejects, files.Rejects);
    }

    private void Run()
    {
        if (_mayModifyFiles)
        {
            CutTornTails();
        }

        string? rebuildReason = _store.IsNew && _store.Path is not null ? "the index was missing or of another version" : CheckUsable(_store, _files);
        if (_store.IsNew && _store.Path is null)
        {
            rebuildReason = "the index lives in memory for this reader";
        }

        if (rebuildReason is not null)
        {
            _report.RebuildReason = rebuildReason;
            if (!_store.IsNew)
            {
                _store.Recreate();
            }

            using var tx = _store.Begin();
            _store.SetMeta(ProcessedFileKey, _files.ProcessedFileName, tx);
            foreach (var (kind, _) in Tracked(_files))
            {
                _store.WriteFileState(FileState.Empty(kind), tx);
            }

            tx.Commit();
        }

        var states = _store.ReadFileStates();
        var results = states[FileKind.Results];
        var processed = states[FileKind.Processed];
        bool fromScratch = results.IndexedBytes == 0 && processed.IndexedBytes == 0
            && (JsonlFiles.LengthOrZero(_files.Results) > 0 || JsonlFiles.LengthOrZero(_files.Processed) > 0)
            && _maxInMemoryItems > 0 && _store.Scalar(IndexSql.CountItems) == 0;
        if (!fromScratch || !RebuildInMemory(results, processed))
        {
            CatchUpResults(results);
            CatchUpProcessed(processed);
        }

        CatchUpErrors(states[FileKind.Errors]);
        CatchUpRejects(states[FileKind.Rejects]);
        ImportLegacyIds(rebuildReason is not null);
        _store.MarkSynchronized();
    }

    private void CutTornTails()
    {
        Cut(_files.Results, line => LineParser.ParseResult(line, out _));
        Cut(_files.Processed, line => LineParser.ParseProcessed(line, out _));
        Cut(_files.Errors, line => LineParser.ParseError(line, out _));
        Cut(_files.Rejects, LineParser.ParseAnyObject);

        void Cut(string path, Func<ReadOnlySpan<byte>, LineKind> classify)
        {
            long cut = TailRepair.CutTornTail(path, classify);
            if (cut > 0)
            {
                _report.TornBytes[Path.GetFileName(path)] = cut;
            }
        }
    }

    private void ImportLegacyIds(bool force)
    {
        string fingerprint = MetadataFile.Fingerprint(_files.Metadata);
        if (!force && _store.GetMeta(MetadataFingerprintKey) == fingerprint)
        {
            return;
        }

        var candidates = MetadataFile.ReadLegacyCandidates(_files.Metadata);
        using var tx = _store.Begin();
        _store.ReplaceLegacyIds(candidates, tx);
        _store.SetMeta(MetadataFingerprintKey, fingerprint, tx);
        tx.Commit();
    }

    /// <summary>Records that metadata.json was just written by us, so the next open does not re-read it.</summary>
    public static void RecordMetadataWritten(IndexStore store, string metadataPath)
    {
        using var tx = store.Begin();
        store.SetMeta(MetadataFingerprintKey, MetadataFile.Fingerprint(metadataPath), tx);
        tx.Commit();
    }
}
