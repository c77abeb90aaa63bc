using Microsoft.Data.Sqlite;

namespace CotForge.Storage.Index;

/// <summary>
/// The commit rule of a dataset directory, applied to batches of lines in file order. The writer, the catch-up after a
/// crash and a full rebuild all go through here, so they cannot disagree.
/// <list type="number">
/// <item>A results.jsonl line is committed when it is complete (ends with <c>\n</c>) and parses. It is the commit
/// point of its item: an item is committed if and only if its results line is.</item>
/// <item>The writer appends an item's post-processed line <em>before</em> its results line (per group: all processed
/// lines, fsync, then all results lines, fsync). So a processed line is committed only when its id has at least as
/// many results lines as processed lines up to and including it; a processed line beyond that count is an orphan.
/// After a crash the orphans are exactly the trailing lines of the last group, and recovery cuts them away into
/// <c>&lt;file&gt;.torn</c>; orphans anywhere else (hand edits, other tools) stay in the file and are skipped.</item>
/// <item>Each id is served once. Results: the first succeeded line of the id, otherwise its latest line (so a retry
/// of an unverified item replaces it, while duplicates of a succeeded item, e.g. from an older tool re-running a
/// dataset, keep the first). Post-processed: the latest committed line of the id. Lines not served are recorded as
/// skipped and never returned.</item>
/// </list>
/// </summary>
internal static class CommitRule
{
    /// <summary>Loads the current rows of the ids the lines mention (one query), as the state the rules update.</summary>
    public static Dictionary<string, ItemState> Load(IndexStore store, SqliteTransaction? tx, IEnumerable<string> ids) =>
        store.LoadStates(ids.Distinct(StringComparer.Ordinal), tx);

    /// <summary>Applies results lines (file order) to <paramref name="states"/>; new ids are added to it.</summary>
    public static void ApplyResults(Dictionary<string, ItemState> states, IReadOnlyList<ResultLine> lines, IndexCounters counters, List<SkippedLine> skipped)
    {
        foreach (var line in lines)
        {
            if (!states.TryGetValue(line.Id, out var state))
            {
                states[line.Id] = new ItemState
                {
                    Id = line.Id,
                    Success = line.Success ? 1 : 0,
                    ResultOffset = line.Offset,
                    ResultLength = line.Length,
                    ResultCount = 1,
                    Time = line.Time,
                    IsNew = true,
                };
                counters.CompletedDelta++;
                counters.SucceededDelta += line.Success ? 1 : 0;
                continue;
            }

            state.ResultCount++;
            state.IsDirty = true;
            if (state.Succeeded)
            {
                skipped.Add(new SkippedLine(FileKind.Results, line.Offset, line.Length, line.Id, SkippedLine.Duplicate));
                continue;
            }

            skipped.Add(new SkippedLine(FileKind.Results, state.ResultOffset, state.ResultLength, line.Id, SkippedLine.Superseded));
            state.Success = line.Success ? 1 : 0;
            state.ResultOffset = line.Offset;
            state.ResultLength = line.Length;
            state.Time = line.Time;
            counters.SucceededDelta += line.Success ? 1 : 0;
        }
    }

    /// <summary>
    /// Applies post-processed lines (file order, after the results lines they may belong to). Returns, for each line,
    /// whether it was linked to its item (false: an orphan, recorded as skipped).
    /// </summary>
    public static bool[] ApplyProcessed(Dictionary<string, ItemState> states, IReadOnlyList<ProcessedLine> lines, List<SkippedLine> skipped)
    {
        bool[] linked = new bool[lines.Count];
        for (int i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            if (!states.TryGetValue(line.Id, out var state) || state.ProcessedCount >= state.ResultCount)
            {
                skipped.Add(new SkippedLine(FileKind.Processed, line.Offset, line.Length, line.Id, SkippedLine.Orphan));
                continue;
            }

            if (state.ProcessedOffset is { } previous)
            {
                skipped.Add(new SkippedLine(FileKind.Processed, previous, state.ProcessedLength ?? 0, line.Id, SkippedLine.Superseded));
            }

            state.ProcessedCount++;
            state.ProcessedOffset = line.Offset;
            state.ProcessedLength = line.Length;
            state.IsDirty = true;
            linked[i] = true;
        }

        return linked;
    }
}
