using System.Text.Encodings.Web;
using System.Text.Json;
using CotForge.Storage;

namespace CotForge.Cli.Commands.Export;

/// <summary>
/// Streams a directory's processed results into a fine-tuning file: records are read and written one at a time
/// (success flags are looked up in batches from the index), so memory stays flat for any dataset size. The file
/// appears only when complete: it is written under a temporary name and renamed over the target at the end.
/// </summary>
internal sealed class Exporter(IExportFormat format, bool includeUnverified)
{
    private const int LookupBatch = 512;

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        // Training files are read by people and tokenizers alike: keep non-ASCII text as UTF-8, not \uXXXX escapes.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
    };

    public async Task<ExportCounts> ExportAsync(PersistenceManager manager, string outputPath, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(manager);
        string fullPath = Path.GetFullPath(outputPath);
        Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!);
        string temp = Path.Combine(Path.GetDirectoryName(fullPath)!, "." + Path.GetFileName(fullPath) + ".tmp-" + Guid.NewGuid().ToString("N")[..8]);
        var counts = new ExportCounts();
        try
        {
            await using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous))
            {
                await using var writer = new Utf8JsonWriter(stream, WriterOptions);
                var batch = new List<ProcessedRecord>(LookupBatch);
                await foreach (var record in manager.LoadProcessedResultsAsync(cancellationToken))
                {
                    batch.Add(record);
                    if (batch.Count == LookupBatch)
                    {
                        await WriteBatchAsync(manager, batch, writer, stream, counts, cancellationToken);
                    }
                }

                await WriteBatchAsync(manager, batch, writer, stream, counts, cancellationToken);
                await stream.FlushAsync(cancellationToken);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, fullPath, overwrite: true);
            return counts;
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }

    private async Task WriteBatchAsync(PersistenceManager manager, List<ProcessedRecord> batch, Utf8JsonWriter writer, Stream stream,
        ExportCounts counts, CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
        {
            return;
        }

        var succeeded = manager.FindProcessed([.. batch.Select(r => r.Id)], includeUnverified: false);
        foreach (var record in batch)
        {
            counts.Items++;
            bool any = false;
            foreach (var chain in ChainReader.Read(record.Id, record.Question, record.GroundTruth, record.ChainOfThoughtResponses, succeeded.Contains(record.Id)))
            {
                any = true;
                if (!chain.Verified && !includeUnverified)
                {
                    counts.SkippedUnverified++;
                    continue;
                }

                if (format.CannotWrite(chain) is not null)
                {
                    counts.SkippedByFormat++;
                    continue;
                }

                format.Write(writer, chain);
                await writer.FlushAsync(cancellationToken);
                writer.Reset();
                stream.WriteByte((byte)'\n');
                counts.Records++;
            }

            if (!any)
            {
                counts.ItemsWithoutChains++;
            }
        }

        batch.Clear();
    }
}
