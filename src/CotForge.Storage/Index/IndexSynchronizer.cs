using System.Collections.Concurrent;
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
internal sealed class IndexSynchronizer
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

    private IndexSynchronizer(IndexStore store, DatasetFiles files, bool mayModifyFiles, RecoveryReport report)
    {
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
    /// the files are left untouched.
    /// </summary>
    public static void Synchronize(IndexStore store, DatasetFiles files, bool mayModifyFiles, RecoveryReport report)
    {
        var sync = new IndexSynchronizer(store, files, mayModifyFiles, report);
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
        CatchUpResults(states[FileKind.Results]);
        CatchUpProcessed(states[FileKind.Processed]);
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

    private void CatchUpResults(FileState state)
    {
        string path = _files.Results;
        long length = JsonlFiles.LengthOrZero(path);
        if (length <= state.IndexedBytes)
        {
            return;
        }

        // Parsing (tokenizing ~6 KB per line) and SQLite run on different threads: on two cores a rebuild takes about
        // as long as the slower of the two instead of their sum.
        using var cancel = new CancellationTokenSource();
        using var batches = new BlockingCollection<ResultBatch>(boundedCapacity: 2);
        var parser = Task.Run(() => ParseResults(path, state, length, batches, cancel.Token));
        try
        {
            // A rebuild starts from an empty table: ids met for the first time in this pass cannot be in it, so only
            // repeated (or non-MD5) ids need a lookup. Bounded so a huge rebuild does not hold every id in memory.
            var seen = state.IndexedBytes == 0 ? new HashSet<UInt128>() : null;
            var counters = new IndexCounters();
            foreach (var batch in batches.GetConsumingEnumerable(cancel.Token))
            {
                using var tx = _store.Begin();
                var lookup = seen is null ? batch.Lines.Select(l => l.Id) : batch.Lines.Select(l => l.Id).Where(id => NeedsLookup(seen, id));
                var states = CommitRule.Load(_store, tx, lookup);
                CommitRule.ApplyResults(states, batch.Lines, counters, batch.Skipped);
                _store.SaveStates(states.Values, tx);
                _store.AddSkipped(batch.Skipped, tx);
                _store.ApplyCounters(counters, tx);
                if (batch.LastTime is not null)
                {
                    _store.SetMeta(LastUpdatedKey, batch.LastTime, tx);
                }

                _report.BytesIndexed += batch.Position - state.IndexedBytes;
                _report.LinesIndexed += batch.LinesRead;
                FileFingerprint.Advance(path, state, batch.Position, batch.TailOffset, batch.TailLength);
                _store.WriteFileState(state, tx);
                tx.Commit();
                if (seen is not null && seen.Count > MaxSeenIds)
                {
                    seen = null;
                }
            }
        }
        finally
        {
            cancel.Cancel();
            try
            {
                parser.GetAwaiter().GetResult();
            }
            catch (OperationCanceledException)
            {
                // Stopped because applying a batch failed; that exception is the one that propagates.
            }
        }
    }

    private static bool NeedsLookup(HashSet<UInt128> seen, string id) =>
        !ProcessedIdCache.TryParse(id, out var key) || !seen.Add(key);

    private static void ParseResults(string path, FileState state, long length, BlockingCollection<ResultBatch> batches, CancellationToken cancellationToken)
    {
        try
        {
            using var reader = new JsonlLineReader(JsonlFiles.OpenForSequentialRead(path), state.IndexedBytes, length);
            var batch = new ResultBatch(state.TailOffset, state.TailLength);
            while (reader.TryReadLine(out long offset, out var line))
            {
                long lineLength = line.Length + 1;
                switch (LineParser.ParseResult(line, out var header))
                {
                    case LineKind.Valid:
                        batch.Lines.Add(new ResultLine(header.Id, header.Success, header.Timestamp, offset, lineLength));
                        batch.LastTime = header.Timestamp ?? batch.LastTime;
                        break;
                    case LineKind.Corrupt:
                        batch.Skipped.Add(new SkippedLine(FileKind.Results, offset, lineLength, null, SkippedLine.Corrupt));
                        break;
                }

                (batch.TailOffset, batch.TailLength) = (offset, lineLength);
                batch.LinesRead++;
                if (batch.LinesRead >= BatchLines)
                {
                    batch.Position = reader.Position;
                    batches.Add(batch, cancellationToken);
                    batch = new ResultBatch(batch.TailOffset, batch.TailLength);
                }
            }

            if (batch.LinesRead > 0)
            {
                batch.Position = reader.Position;
                batches.Add(batch, cancellationToken);
            }
        }
        finally
        {
            batches.CompleteAdding();
        }
    }

    /// <summary>A run of parsed results lines handed from the parsing thread to the indexing thread.</summary>
    private sealed class ResultBatch(long tailOffset, long tailLength)
    {
        public List<ResultLine> Lines { get; } = new(BatchLines);

        public List<SkippedLine> Skipped { get; } = [];

        public long Position { get; set; }

        public long TailOffset { get; set; } = tailOffset;

        public long TailLength { get; set; } = tailLength;

        public string? LastTime { get; set; }

        public int LinesRead { get; set; }
    }

    private void CatchUpProcessed(FileState state)
    {
        string path = _files.Processed;
        long length = JsonlFiles.LengthOrZero(path);
        if (length <= state.IndexedBytes)
        {
            return;
        }

        var batch = new List<ProcessedLine>(BatchLines);
        var order = new List<(long Offset, long Length, int BatchIndex)>(BatchLines);
        var skipped = new List<SkippedLine>();
        long tailOffset = state.TailOffset, tailLength = state.TailLength;

        // The trailing run of orphans (uncommitted post-processed lines of a crashed group) starts here.
        long? orphanRunStart = null;
        (long Offset, long Length) beforeOrphanRun = default;
        int orphanRunCount = 0;
        using (var reader = new JsonlLineReader(JsonlFiles.OpenForSequentialRead(path), state.IndexedBytes, length))
        {
            while (reader.TryReadLine(out long offset, out var line))
            {
                long lineLength = line.Length + 1;
                int batchIndex = -1;
                switch (LineParser.ParseProcessed(line, out string id))
                {
                    case LineKind.Valid:
                        batchIndex = batch.Count;
                        batch.Add(new ProcessedLine(id, offset, lineLength));
                        break;
                    case LineKind.Corrupt:
                        skipped.Add(new SkippedLine(FileKind.Processed, offset, lineLength, null, SkippedLine.Corrupt));
                        break;
                }

                order.Add((offset, lineLength, batchIndex));
                _report.LinesIndexed++;
                if (order.Count >= BatchLines)
                {
                    Flush(reader.Position);
                }
            }

            Flush(reader.Position);
        }

        if (orphanRunStart is { } cutFrom && _mayModifyFiles)
        {
            using (var tx = _store.Begin())
            {
                _store.DeleteSkippedFrom(FileKind.Processed, cutFrom, tx);
                state.HeadHash = null;
                FileFingerprint.Advance(path, state, cutFrom, beforeOrphanRun.Offset, beforeOrphanRun.Length);
                _store.WriteFileState(state, tx);
                tx.Commit();
            }

            // Index first, file second: if we crash in between, the next open sees the orphans again and cuts them.
            TailRepair.MoveTailAside(path, cutFrom);
            _report.OrphansCut += orphanRunCount;
        }

        void Flush(long position)
        {
            if (position == state.IndexedBytes)
            {
                return;
            }

            using var tx = _store.Begin();
            var states = CommitRule.Load(_store, tx, batch.Select(l => l.Id));
            bool[] linked = CommitRule.ApplyProcessed(states, batch, skipped);
            _store.SaveStates(states.Values, tx);
            foreach (var (offset, lineLength, batchIndex) in order)
            {
                if (batchIndex >= 0 && linked[batchIndex])
                {
                    orphanRunStart = null;
                    orphanRunCount = 0;
                }
                else if (batchIndex >= 0)
                {
                    if (orphanRunStart is null)
                    {
                        orphanRunStart = offset;
                        beforeOrphanRun = (tailOffset, tailLength);
                    }

                    orphanRunCount++;
                }

                (tailOffset, tailLength) = (offset, lineLength);
            }

            _store.AddSkipped(skipped, tx);
            _report.BytesIndexed += position - state.IndexedBytes;
            FileFingerprint.Advance(path, state, position, tailOffset, tailLength);
            _store.WriteFileState(state, tx);
            tx.Commit();
            batch.Clear();
            order.Clear();
            skipped.Clear();
        }
    }

    private void CatchUpErrors(FileState state)
    {
        string path = _files.Errors;
        long length = JsonlFiles.LengthOrZero(path);
        if (length <= state.IndexedBytes)
        {
            return;
        }

        var errors = new List<ErrorLine>();
        var skipped = new List<SkippedLine>();
        long tailOffset = state.TailOffset, tailLength = state.TailLength;
        using var reader = new JsonlLineReader(JsonlFiles.OpenForSequentialRead(path), state.IndexedBytes, length);
        while (reader.TryReadLine(out long offset, out var line))
        {
            long lineLength = line.Length + 1;
            switch (LineParser.ParseError(line, out var fields))
            {
                case LineKind.Valid:
                    errors.Add(new ErrorLine(fields.Id, fields.Stage, fields.Kind, fields.Message, fields.Attempts, fields.Time, offset, lineLength));
                    break;
                case LineKind.Corrupt:
                    skipped.Add(new SkippedLine(FileKind.Errors, offset, lineLength, null, SkippedLine.Corrupt));
                    break;
            }

            (tailOffset, tailLength) = (offset, lineLength);
            _report.LinesIndexed++;
            if (errors.Count + skipped.Count >= BatchLines)
            {
                Flush(reader.Position);
            }
        }

        Flush(reader.Position);

        void Flush(long position)
        {
            if (position == state.IndexedBytes)
            {
                return;
            }

            using var tx = _store.Begin();
            _store.UpsertErrors(errors, tx);
            _store.AddSkipped(skipped, tx);
            _report.BytesIndexed += position - state.IndexedBytes;
            FileFingerprint.Advance(path, state, position, tailOffset, tailLength);
            _store.WriteFileState(state, tx);
            tx.Commit();
            errors.Clear();
            skipped.Clear();
        }
    }

    private void CatchUpRejects(FileState state)
    {
        string path = _files.Rejects;
        long length = JsonlFiles.LengthOrZero(path);
        if (length <= state.IndexedBytes)
        {
            return;
        }

        var counters = new IndexCounters();
        var skipped = new List<SkippedLine>();
        long tailOffset = state.TailOffset, tailLength = state.TailLength;
        using var reader = new JsonlLineReader(JsonlFiles.OpenForSequentialRead(path), state.IndexedBytes, length);
        while (reader.TryReadLine(out long offset, out var line))
        {
            long lineLength = line.Length + 1;
            switch (LineParser.ParseAnyObject(line))
            {
                case LineKind.Valid:
                    counters.RejectsDelta++;
                    break;
                case LineKind.Corrupt:
                    skipped.Add(new SkippedLine(FileKind.Rejects, offset, lineLength, null, SkippedLine.Corrupt));
                    break;
            }

            (tailOffset, tailLength) = (offset, lineLength);
            _report.LinesIndexed++;
        }

        long position = reader.Position;
        if (position == state.IndexedBytes)
        {
            return;
        }

        using var tx = _store.Begin();
        _store.ApplyCounters(counters, tx);
        _store.AddSkipped(skipped, tx);
        _report.BytesIndexed += position - state.IndexedBytes;
        FileFingerprint.Advance(path, state, position, tailOffset, tailLength);
        _store.WriteFileState(state, tx);
        tx.Commit();
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
