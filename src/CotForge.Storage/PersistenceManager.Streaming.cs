using System.Runtime.CompilerServices;
using System.Text.Json;
using CotForge.Storage.Index;
using CotForge.Storage.Jsonl;

namespace CotForge.Storage;

public sealed partial class PersistenceManager
{
    private const int StreamBufferSize = 1 << 18;

    /// <summary>
    /// Streams the committed results in file order, each id once (see the commit rule). Reads only the part of
    /// results.jsonl the index covered when the enumeration started; lines never go through a whole-file list.
    /// </summary>
    public async IAsyncEnumerable<ResultRecord> LoadResultsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var (path, end, skipped) = Snapshot(FileKind.Results, _files.Results);
        await foreach (var (offset, line) in ReadLinesAsync(path, end, cancellationToken).ConfigureAwait(false))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!skipped.Contains(offset) && ParseResultRecord(line.Span) is { } record)
            {
                yield return record;
            }
        }
    }

    /// <summary>Streams the committed post-processed records in file order, each id once.</summary>
    public async IAsyncEnumerable<ProcessedRecord> LoadProcessedResultsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var (path, end, skipped) = Snapshot(FileKind.Processed, _files.Processed);
        await foreach (var (offset, line) in ReadLinesAsync(path, end, cancellationToken).ConfigureAwait(false))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!skipped.Contains(offset) && ParseProcessedRecord(line.Span) is { } record)
            {
                yield return record;
            }
        }
    }

    /// <summary>Streams every processed id from the index (committed ids, then ids known only from metadata.json).</summary>
    public async IAsyncEnumerable<string> LoadProcessedIdsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        string after = string.Empty;
        while (true)
        {
            List<string> ids;
            lock (_sync)
            {
                ThrowIfDisposed();
                ids = _index.PageProcessedIds(after, 4096, cancellationToken);
            }

            if (ids.Count == 0)
            {
                yield break;
            }

            foreach (string id in ids)
            {
                yield return id;
            }

            after = ids[^1];
            await Task.Yield();
        }
    }

    private (string Path, long End, HashSet<long> Skipped) Snapshot(string kind, string path)
    {
        lock (_sync)
        {
            ThrowIfDisposed();
            long end = _index.ReadFileStates().TryGetValue(kind, out var state) ? state.IndexedBytes : 0;
            return (path, end, _index.ReadSkippedOffsets(kind));
        }
    }

    private static async IAsyncEnumerable<(long Offset, ReadOnlyMemory<byte> Line)> ReadLinesAsync(string path, long end,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (end <= 0 || !File.Exists(path))
        {
            yield break;
        }

        await using var stream = JsonlFiles.OpenForSequentialRead(path, asynchronous: true);
        byte[] buffer = new byte[StreamBufferSize];
        int start = 0, count = 0;
        long bufferOffset = 0, read = 0;
        while (true)
        {
            int newline = buffer.AsSpan(start, count).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                yield return (bufferOffset + start, buffer.AsMemory(start, newline));
                start += newline + 1;
                count -= newline + 1;
                continue;
            }

            if (read >= end)
            {
                yield break;
            }

            if (start > 0)
            {
                Buffer.BlockCopy(buffer, start, buffer, 0, count);
                bufferOffset += start;
                start = 0;
            }

            if (count == buffer.Length)
            {
                Array.Resize(ref buffer, buffer.Length * 2);
            }

            int n = await stream.ReadAsync(buffer.AsMemory(count, (int)Math.Min(buffer.Length - count, end - read)), cancellationToken).ConfigureAwait(false);
            if (n == 0)
            {
                yield break;
            }

            read += n;
            count += n;
        }
    }

    private static ResultRecord? ParseResultRecord(ReadOnlySpan<byte> line)
    {
        if (ParseObject(line) is not { } root)
        {
            return null;
        }

        string? id = GetString(root, "id");
        if (string.IsNullOrEmpty(id) || !root.TryGetProperty("success", out var success) || success.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            return null;
        }

        var result = root.TryGetProperty("result", out var r) ? r : default;
        return new ResultRecord(id, GetString(root, "question") ?? string.Empty, GetString(root, "ground_truth") ?? string.Empty,
            success.GetBoolean(), GetString(root, "timestamp"), result);
    }

    private static ProcessedRecord? ParseProcessedRecord(ReadOnlySpan<byte> line)
    {
        if (ParseObject(line) is not { } root || GetString(root, "id") is not { Length: > 0 } id)
        {
            return null;
        }

        var chains = root.TryGetProperty("chain_of_thought_responses", out var c) ? c : default;
        return new ProcessedRecord(id, GetString(root, "question") ?? string.Empty, GetString(root, "ground_truth") ?? string.Empty, chains);
    }

    private static JsonElement? ParseObject(ReadOnlySpan<byte> line)
    {
        if (LineParser.IsBlank(line))
        {
            return null;
        }

        try
        {
            var reader = new Utf8JsonReader(line, new JsonReaderOptions { MaxDepth = 512 });

            // ParseValue copies the bytes: the element stays valid after the buffer is reused.
            var root = JsonElement.ParseValue(ref reader);
            return root.ValueKind == JsonValueKind.Object ? root : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? GetString(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
