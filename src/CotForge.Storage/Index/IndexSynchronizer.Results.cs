using System.Collections.Concurrent;
using CotForge.Storage.Jsonl;

namespace CotForge.Storage.Index;

internal sealed partial class IndexSynchronizer
{
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
}
