namespace CotForge.Cli.Commands.Export;

/// <summary>What an export did: records written and why other chains were left out.</summary>
internal sealed class ExportCounts
{
    /// <summary>Processed items read from the directory.</summary>
    public long Items { get; set; }

    /// <summary>Records written: one per exported chain.</summary>
    public long Records { get; set; }

    /// <summary>Chains left out because they were not verified (see --include-unverified).</summary>
    public long SkippedUnverified { get; set; }

    /// <summary>Chains the format could not represent (e.g. huatuo without a separate reasoning text).</summary>
    public long SkippedByFormat { get; set; }

    /// <summary>Items that had no post-processed chain at all.</summary>
    public long ItemsWithoutChains { get; set; }
}
