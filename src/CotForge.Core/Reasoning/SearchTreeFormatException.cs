namespace CotForge.Core.Reasoning;

/// <summary>
/// A serialized search tree does not have the shape of SPEC §4. The message names the offending key and,
/// where there is one, the node id, so that a bad line in results.jsonl can be found and fixed.
/// </summary>
public sealed class SearchTreeFormatException : FormatException
{
    /// <summary>Creates the exception.</summary>
    public SearchTreeFormatException(string message, string? nodeId = null, string? key = null, Exception? innerException = null)
        : base(message, innerException)
    {
        NodeId = nodeId;
        Key = key;
    }

    /// <summary>Creates the exception with a message only.</summary>
    public SearchTreeFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public SearchTreeFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with no message.</summary>
    public SearchTreeFormatException()
    {
    }

    /// <summary>The id of the node at fault, when the fault is inside one.</summary>
    public string? NodeId { get; }

    /// <summary>The JSON key at fault, when there is one.</summary>
    public string? Key { get; }
}
