using CotForge.Pipeline.Load;

namespace CotForge.Pipeline.Tests.Load;

/// <summary>Everything a reader produced for one file, for assertions.</summary>
internal sealed record LoadResult(List<InputRow> Rows, List<RowRejectedArgs> Rejects, FieldMapping? Mapping)
{
    public static async Task<LoadResult> ReadAsync(string path, InputOptions? options = null)
    {
        options ??= new InputOptions();
        var rows = new List<InputRow>();
        var rejects = new List<RowRejectedArgs>();
        FieldMapping? mapping = null;
        options.RowRejected = rejects.Add;
        options.MappingChosen = m => mapping = m;
        await foreach (InputRow row in InputLoader.ReadAsync(path, options))
        {
            rows.Add(row);
        }

        return new LoadResult(rows, rejects, mapping);
    }
}
