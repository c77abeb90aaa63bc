namespace CotForge.Storage;

/// <summary>
/// Thrown when another live process (or another writer in this process) holds the lock of a dataset directory. The
/// message names the holder (pid, host, start time) and says how to proceed.
/// </summary>
public sealed class DatasetLockedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public DatasetLockedException()
        : base("The dataset directory is locked by another writer.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public DatasetLockedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    public DatasetLockedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The process id recorded by the holder, when it could be read.</summary>
    public int? HolderProcessId { get; init; }

    /// <summary>The host name recorded by the holder, when it could be read.</summary>
    public string? HolderHostName { get; init; }

    /// <summary>When the holder took the lock, when it could be read.</summary>
    public DateTimeOffset? HolderStartTime { get; init; }
}
