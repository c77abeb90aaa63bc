using System.Runtime.CompilerServices;

namespace CotForge.Pipeline.Load;

/// <summary>Streams the accepted rows of a CSV, TSV, JSONL or JSON-array file.</summary>
public static class InputLoader
{
    /// <summary>
    /// Reads <paramref name="path"/> front to back, one row at a time. Rejected rows are passed to
    /// <see cref="InputOptions.RowRejected"/> and skipped; the chosen field mapping to <see cref="InputOptions.MappingChosen"/>.
    /// </summary>
    /// <exception cref="InputFormatException">The file as a whole cannot be read (unknown extension, no usable field).</exception>
    public static async IAsyncEnumerable<InputRow> ReadAsync(string path, InputOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        options ??= new InputOptions();
        options.Validate();
        RowReader reader = RowReader.Create(path, options);
        await foreach (LoadedRecord record in reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            if (record.Row is { } row)
            {
                yield return row;
            }
            else
            {
                options.RowRejected?.Invoke(record.Reject);
            }
        }
    }
}
