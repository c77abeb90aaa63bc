namespace CotForge.Storage;

/// <summary>
/// Where one dataset/search directory lives: <c>&lt;base&gt;/&lt;dataset&gt;/&lt;search&gt;</c> (SPEC §4). Names are
/// validated so that no dataset or search name can point outside the base directory.
/// </summary>
public sealed record DatasetLocation
{
    private DatasetLocation(string baseDirectory, string datasetName, string searchName)
    {
        BaseDirectory = baseDirectory;
        DatasetName = datasetName;
        SearchName = searchName;
        DirectoryPath = Path.Combine(baseDirectory, datasetName, searchName);
    }

    /// <summary>The base directory (made absolute).</summary>
    public string BaseDirectory { get; }

    /// <summary>The dataset name: one path segment.</summary>
    public string DatasetName { get; }

    /// <summary>The search name, e.g. <c>naive_linear_search</c> or <c>beam_search</c>: one path segment.</summary>
    public string SearchName { get; }

    /// <summary>The absolute path of the dataset/search directory.</summary>
    public string DirectoryPath { get; }

    /// <summary>
    /// Validates the names and builds the location. Throws <see cref="ArgumentException"/> naming the parameter
    /// and saying what is wrong when a name is empty or whitespace, contains a path separator, a control character or
    /// a character the file system rejects, is <c>.</c> or <c>..</c>, or is rooted.
    /// </summary>
    /// <param name="baseDirectory">The base directory; relative paths are resolved against the current directory.</param>
    /// <param name="datasetName">The dataset name (one path segment).</param>
    /// <param name="searchName">The search name (one path segment).</param>
    public static DatasetLocation Create(string baseDirectory, string datasetName, string searchName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(baseDirectory);
        DatasetNameValidator.Validate(datasetName, nameof(datasetName));
        DatasetNameValidator.Validate(searchName, nameof(searchName));
        return new DatasetLocation(Path.GetFullPath(baseDirectory), datasetName, searchName);
    }
}
