namespace CotForge.Cli.Commands.Reindex;

/// <summary>Options of <c>cotforge reindex</c>: only the directory address.</summary>
internal sealed class ReindexSettings : DatasetSettings
{
}
