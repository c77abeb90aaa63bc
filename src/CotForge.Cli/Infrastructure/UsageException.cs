namespace CotForge.Cli.Infrastructure;

/// <summary>
/// A usage or configuration problem found while a command runs (a config file that does not parse, a dataset
/// directory that does not exist...). Ends the process with exit code 2; the message says what and how to fix it.
/// </summary>
internal sealed class UsageException : Exception
{
    public UsageException(string message)
        : base(message)
    {
    }

    public UsageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public UsageException()
    {
    }
}
