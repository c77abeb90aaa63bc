using CotForge.Storage.Jsonl;

namespace CotForge.Storage.Index;

internal sealed partial class IndexSynchronizer
{
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
}
