using System.Collections.Concurrent;
using CotForge.Storage.Jsonl;
using CotForge.Storage.Recovery;

namespace CotForge.Storage.Index;

internal sealed partial class IndexSynchronizer
{
    /// <summary>
    /// Indexes results.jsonl and the post-processed file from their first byte into an empty items table, applying the
    /// commit rule in memory (<see cref="RebuildTable"/>) and writing every row once, in key order, in one transaction.
    /// Returns false when the directory holds more than <see cref="_maxInMemoryItems"/> items: the rows read so far are
    /// then written, with the results file's state at the line reached, and the caller indexes the rest in batches.
    /// </summary>
    private bool RebuildInMemory(FileState results, FileState processed)
    {
        var table = new RebuildTable();
        var skipped = new List<SkippedLine>();
        long resultsPosition = 0, resultsTailOffset = 0, resultsTailLength = 0;
        string? lastTime = null;
        bool complete = true;

        // The post-processed file is parsed on its own thread meanwhile; its lines are applied after the results.
        using var cancelProcessed = new CancellationTokenSource();
        var processedLines = Task.Run(() => ParseAllProcessed(_files.Processed, cancelProcessed.Token));

        string resultsPath = _files.Results;
        long resultsLength = JsonlFiles.LengthOrZero(resultsPath);
        if (resultsLength > 0)
        {
            // The parsing thread tokenizes lines while this one applies them.
            using var cancel = new CancellationTokenSource();
            using var batches = new BlockingCollection<ResultBatch>(boundedCapacity: 2);
            var parser = Task.Run(() => ParseResults(resultsPath, results, resultsLength, batches, cancel.Token));
            try
            {
                foreach (var batch in batches.GetConsumingEnumerable(cancel.Token))
                {
                    foreach (var line in batch.Lines)
                    {
                        table.ApplyResult(line, skipped);
                    }

                    skipped.AddRange(batch.Skipped);
                    lastTime = batch.LastTime ?? lastTime;
                    resultsPosition = batch.Position;
                    (resultsTailOffset, resultsTailLength) = (batch.TailOffset, batch.TailLength);
                    _report.LinesIndexed += batch.LinesRead;
                    if (table.Count >= _maxInMemoryItems)
                    {
                        complete = false;
                        break;
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
                    // Stopped early on purpose (too many items) or because applying failed; the latter propagates.
                }
            }
        }

        if (!complete)
        {
            cancelProcessed.Cancel();
        }

        ProcessedPass orphans = default;
        try
        {
            var parsed = processedLines.GetAwaiter().GetResult();
            if (complete)
            {
                orphans = ApplyProcessed(table, parsed, skipped);
            }
        }
        catch (OperationCanceledException) when (!complete)
        {
            // Not needed: the rest is indexed in batches.
        }

        using (var tx = _store.Begin())
        {
            table.WriteTo(_store);
            if (orphans.CutFrom is { } cut)
            {
                skipped.RemoveAll(s => s.File == FileKind.Processed && s.Offset >= cut);
            }

            _store.AddSkipped(skipped, tx);
            _store.ApplyCounters(new IndexCounters { CompletedDelta = table.Count, SucceededDelta = table.Succeeded }, tx);
            if (lastTime is not null)
            {
                _store.SetMeta(LastUpdatedKey, lastTime, tx);
            }

            if (resultsPosition > 0)
            {
                FileFingerprint.Advance(resultsPath, results, resultsPosition, resultsTailOffset, resultsTailLength);
                _store.WriteFileState(results, tx);
                _report.BytesIndexed += resultsPosition;
            }

            if (complete)
            {
                _report.BytesIndexed += orphans.Position;
                long indexed = orphans.CutFrom ?? orphans.Position;
                if (indexed > 0 || orphans.CutFrom is not null)
                {
                    var tail = orphans.CutFrom is null ? orphans.Tail : orphans.BeforeCut;
                    FileFingerprint.Advance(_files.Processed, processed, indexed, tail.Offset, tail.Length);
                    _store.WriteFileState(processed, tx);
                }
            }

            tx.Commit();
        }

        if (orphans.CutFrom is { } cutFrom)
        {
            // Index first, file second: if we crash in between, the next open sees the orphans again and cuts them.
            TailRepair.MoveTailAside(_files.Processed, cutFrom);
            _report.OrphansCut += orphans.Count;
        }

        return complete;
    }

    /// <summary>Reads every line of the post-processed file (ids as keys: no string per line).</summary>
    private static ParsedProcessed ParseAllProcessed(string path, CancellationToken cancellationToken)
    {
        var parsed = new ParsedProcessed();
        long length = JsonlFiles.LengthOrZero(path);
        if (length == 0)
        {
            return parsed;
        }

        using var reader = new JsonlLineReader(JsonlFiles.OpenForSequentialRead(path), 0, length);
        while (reader.TryReadLine(out long offset, out var line))
        {
            var kind = LineParser.ParseProcessed(line, out var key, out string? text);
            parsed.Lines.Add(new ParsedProcessedLine(key, text, offset, line.Length + 1, kind));
            if ((parsed.Lines.Count & 0xFFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }
        }

        parsed.Position = reader.Position;
        return parsed;
    }

    /// <summary>
    /// Applies the post-processed lines to <paramref name="table"/> in file order. Tracks the trailing run of orphans
    /// (the uncommitted processed lines of a crashed group) exactly as <see cref="CatchUpProcessed"/> does; it is cut
    /// only when this synchronizer may modify files.
    /// </summary>
    private ProcessedPass ApplyProcessed(RebuildTable table, ParsedProcessed parsed, List<SkippedLine> skipped)
    {
        var pass = new ProcessedPass { Position = parsed.Position };
        long? orphanRunStart = null;
        (long Offset, long Length) tail = default, beforeOrphanRun = default;
        int orphanRunCount = 0;
        foreach (var line in parsed.Lines)
        {
            switch (line.Kind)
            {
                case LineKind.Valid when table.ApplyProcessed(line.Key, line.Text, line.Offset, line.Length, skipped):
                    orphanRunStart = null;
                    orphanRunCount = 0;
                    break;
                case LineKind.Valid:
                    if (orphanRunStart is null)
                    {
                        orphanRunStart = line.Offset;
                        beforeOrphanRun = tail;
                    }

                    orphanRunCount++;
                    break;
                case LineKind.Corrupt:
                    skipped.Add(new SkippedLine(FileKind.Processed, line.Offset, line.Length, null, SkippedLine.Corrupt));
                    break;
            }

            tail = (line.Offset, line.Length);
            _report.LinesIndexed++;
        }

        pass.Tail = tail;
        if (orphanRunStart is { } start && _mayModifyFiles)
        {
            pass.CutFrom = start;
            pass.BeforeCut = beforeOrphanRun;
            pass.Count = orphanRunCount;
        }

        return pass;
    }

    /// <summary>A post-processed line as read: its id as a key (or text when not hex), where it is, and its kind.</summary>
    private readonly record struct ParsedProcessedLine(UInt128 Key, string? Text, long Offset, long Length, LineKind Kind);

    /// <summary>Every line of the post-processed file and the offset after the last complete one.</summary>
    private sealed class ParsedProcessed
    {
        public List<ParsedProcessedLine> Lines { get; } = [];

        public long Position { get; set; }
    }

    /// <summary>Where reading the post-processed file ended, and the trailing orphans to cut, if any.</summary>
    private struct ProcessedPass
    {
        public long Position;
        public (long Offset, long Length) Tail;
        public long? CutFrom;
        public (long Offset, long Length) BeforeCut;
        public int Count;
    }
}
