namespace CotForge.Storage;

/// <summary>
/// Thrown by <see cref="DatasetWriter.EnsureConfig"/> when a resume would continue a dataset with a different run
/// configuration than the one in config.json. The message lists each differing key with its old and new value and says
/// how to proceed.
/// </summary>
public sealed class ConfigMismatchException : Exception
{
    /// <summary>Creates the exception with an explanatory message.</summary>
    public ConfigMismatchException()
        : this("The run configuration differs from config.json.")
    {
    }

    /// <summary>Creates the exception with an explanatory message.</summary>
    public ConfigMismatchException(string message)
        : this(message, [])
    {
    }

    /// <summary>Creates the exception with an explanatory message and an inner exception.</summary>
    public ConfigMismatchException(string message, Exception innerException)
        : base(message, innerException)
    {
        Differences = [];
    }

    /// <summary>Creates the exception with its message and the list of differences.</summary>
    public ConfigMismatchException(string message, IReadOnlyList<ConfigDifference> differences)
        : base(message)
    {
        Differences = differences;
    }

    /// <summary>Each differing key (a JSON path such as <c>search.max_depth</c>) with its stored and new values.</summary>
    public IReadOnlyList<ConfigDifference> Differences { get; }
}
