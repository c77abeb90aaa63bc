namespace CotForge.Storage;

/// <summary>How hard the writer pushes each commit group towards the disk before reporting it committed.</summary>
public enum DurabilityLevel
{
    /// <summary>
    /// Each group is handed to the operating system, and nothing is ever fsync'ed (not even metadata.json or on
    /// dispose). Committed items survive a crash of the process, not of the machine.
    /// </summary>
    None = 0,

    /// <summary>
    /// Each group is handed to the operating system; the files are fsync'ed at every metadata checkpoint and on dispose.
    /// Survives a process crash; a power loss can lose the groups since the last checkpoint (the next open repairs the
    /// directory to its last consistent state).
    /// </summary>
    Flush = 1,

    /// <summary>
    /// Each group is written and fsync'ed (post-processed lines, then results lines), so a reported commit survives a
    /// power loss too. The default.
    /// </summary>
    Fsync = 2,
}
