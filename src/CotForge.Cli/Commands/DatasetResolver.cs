using CotForge.Cli.Infrastructure;
using CotForge.Storage;

namespace CotForge.Cli.Commands;

/// <summary>
/// Finds the existing directory a maintenance verb addresses. --dataset and --search may be left out when the
/// base directory holds only one choice, so <c>cotforge status</c> right after the README run just works; when
/// there are several, the message lists them.
/// </summary>
internal static class DatasetResolver
{
    public static DatasetLocation ResolveExisting(DatasetSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        string baseDir = Path.GetFullPath(settings.BaseDir);
        if (!Directory.Exists(baseDir))
        {
            throw new UsageException(
                $"--base-dir '{settings.BaseDir}' does not exist ({baseDir}). Pass the --base-dir used by 'cotforge run', or run a dataset first.");
        }

        string dataset = settings.Dataset ?? PickOnly(baseDir, "--dataset", "dataset", baseDir);
        string datasetDir = Path.Combine(baseDir, dataset);
        if (!Directory.Exists(datasetDir))
        {
            throw new UsageException($"--dataset '{dataset}' does not exist under {baseDir}. {Available(baseDir, "--dataset")}");
        }

        string search = settings.Search is null ? PickOnly(datasetDir, "--search", "search", datasetDir) : SearchNames.ToDirectory(settings.Search);
        if (!Directory.Exists(Path.Combine(datasetDir, search)))
        {
            throw new UsageException($"--search '{settings.Search}' ({search}) does not exist under {datasetDir}. {Available(datasetDir, "--search")}");
        }

        return Create(baseDir, dataset, search);
    }

    /// <summary>Builds a location, turning a rejected name into a usage error.</summary>
    public static DatasetLocation Create(string baseDir, string dataset, string search)
    {
        try
        {
            return DatasetLocation.Create(baseDir, dataset, search);
        }
        catch (ArgumentException ex)
        {
            throw new UsageException($"The dataset directory name is not usable: {ex.Message} Use plain names for --dataset and --search.", ex);
        }
    }

    private static string PickOnly(string parent, string option, string what, string shown)
    {
        var names = Children(parent);
        return names.Count switch
        {
            1 => names[0],
            0 => throw new UsageException($"No {what} directory exists under {shown}. Run 'cotforge run INPUT' first, or pass --base-dir."),
            _ => throw new UsageException($"Several {what} directories exist under {shown}; choose one with {option}: {string.Join(", ", names)}."),
        };
    }

    private static string Available(string parent, string option)
    {
        var names = Children(parent);
        return names.Count == 0 ? "There is none yet." : $"Choose one with {option}: {string.Join(", ", names)}.";
    }

    private static List<string> Children(string parent) =>
        [.. new DirectoryInfo(parent).EnumerateDirectories()
            .Where(d => !d.Name.StartsWith('.'))
            .Select(d => d.Name)
            .Order(StringComparer.Ordinal)];
}
