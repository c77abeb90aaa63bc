namespace CotForge.Cli.Tests.Support;

/// <summary>Finds files of the repository (data-samples, the built cotforge.dll) from the test assembly's location.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string DataSamples => Path.Combine(Root, "data-samples");

    public static string Sample(string name) => Path.Combine(DataSamples, name);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CotForge.Pipeline.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Cannot find the repository root (CotForge.Pipeline.sln) above " + AppContext.BaseDirectory);
    }
}
