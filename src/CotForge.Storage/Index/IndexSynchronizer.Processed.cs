using CotForge.Storage.Jsonl;
using CotForge.Storage.Recovery;

namespace CotForge.Storage.Index;

internal sealed partial class IndexSynchronizer
{
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
}
