namespace CotForge.Cli.Commands;

/// <summary>
/// The search algorithms a user can name on the command line and the directory names they persist under
/// (the same as cot-forge's, so directories move between the two implementations).
/// </summary>
internal static class SearchNames
{
    public const string Naive = "naive";
    public const string Beam = "beam";
    public const string NaiveDirectory = "naive_linear_search";
    public const string BeamDirectory = "beam_search";


    /// <summary>Maps a user's choice to the short name (naive|beam), or null when unknown.</summary>
    public static string? Normalize(string? value) => value?.ToLowerInvariant() switch
    {
        Naive or NaiveDirectory => Naive,
        Beam or BeamDirectory => Beam,
        _ => null,
    };

    /// <summary>The directory of a short or long name; unknown names pass through unchanged (cot-forge directories may use custom names).</summary>
    public static string ToDirectory(string value) => Normalize(value) switch
    {
        Naive => NaiveDirectory,
        Beam => BeamDirectory,
        _ => value,
    };
}
