namespace CotForge.Storage.Layout;

/// <summary>
/// The files of one dataset directory (SPEC §4). The post-processed file is <c>processed_results.jsonl</c>, except in
/// a directory cot-forge created with the older <c>reasoning.jsonl</c> and no <c>processed_results.jsonl</c>: there we
/// keep reading and appending <c>reasoning.jsonl</c>, so that one file stays the single post-processed record and
/// cot-forge still finds everything where it put it.
/// </summary>
internal sealed class DatasetFiles
{
    public const string ResultsName = "results.jsonl";
    public const string ProcessedName = "processed_results.jsonl";
    public const string LegacyProcessedName = "reasoning.jsonl";
    public const string ErrorsName = "errors.jsonl";
    public const string RejectsName = "rejects.jsonl";
    public const string MetadataName = "metadata.json";
    public const string ConfigName = "config.json";
    public const string IndexName = "index.sqlite";
    public const string LockName = "cotforge.lock";
    public const string LockOwnerName = "cotforge.lock.owner";

    /// <summary>Suffix of the files that keep torn or uncommitted tails cut away by recovery.</summary>
    public const string TornSuffix = ".torn";

    public DatasetFiles(string directory)
    {
        Directory = directory;
        ProcessedFileName = ChooseProcessedFile(directory);
    }

    public string Directory { get; }

    /// <summary><c>processed_results.jsonl</c>, or <c>reasoning.jsonl</c> in a cot-forge directory that has only that.</summary>
    public string ProcessedFileName { get; private set; }

    public string Results => Path.Combine(Directory, ResultsName);

    public string Processed => Path.Combine(Directory, ProcessedFileName);

    public string Errors => Path.Combine(Directory, ErrorsName);

    public string Rejects => Path.Combine(Directory, RejectsName);

    public string Metadata => Path.Combine(Directory, MetadataName);

    public string Config => Path.Combine(Directory, ConfigName);

    public string Index => Path.Combine(Directory, IndexName);

    public string Lock => Path.Combine(Directory, LockName);

    public string LockOwner => Path.Combine(Directory, LockOwnerName);

    /// <summary>The JSONL files whose torn tails recovery cuts, by logical name.</summary>
    public IEnumerable<(string Name, string Path)> JsonlFiles()
    {
        yield return (ResultsName, Results);
        yield return (ProcessedFileName, Processed);
        yield return (ErrorsName, Errors);
        yield return (RejectsName, Rejects);
    }

    /// <summary>Chooses the post-processed file again (after a reset the directory is empty).</summary>
    public void Refresh() => ProcessedFileName = ChooseProcessedFile(Directory);

    private static string ChooseProcessedFile(string directory)
    {
        bool hasProcessed = File.Exists(Path.Combine(directory, ProcessedName));
        bool hasLegacy = File.Exists(Path.Combine(directory, LegacyProcessedName));
        return !hasProcessed && hasLegacy ? LegacyProcessedName : ProcessedName;
    }
}
