namespace CotForge.Pipeline.Load;

/// <summary>
/// The input as a whole cannot be read (unknown format, no usable column for the question or the answer).
/// Problems with single rows never throw: they become rejected rows.
/// </summary>
public sealed class InputFormatException : Exception
{
    /// <summary>Creates the exception with a message that says what is wrong and how to fix it.</summary>
    public InputFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the error that caused it.</summary>
    public InputFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
