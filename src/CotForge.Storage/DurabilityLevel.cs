namespace CotForge.Storage;

/// <summary>How hard the writer pushes each commit group towards the disk.</summary>
public enum DurabilityLevel
{
    /// <summary>
    /// Bytes are handed to the operating system only when the writer's buffers fill or the writer is flushed or
    /// disposed. Fastest; a process crash can lose the items of the last group (they were never reported committed).
    /// </summary>
    None = 0,

    /// <summary>Each group is written to the operating system (survives a process crash, not a power loss).</summary>
    Flush = 1,

    /// <summary>Each group is written and fsync'ed (survives a process crash and a power loss). The default.</summary>
    Fsync = 2,
}
