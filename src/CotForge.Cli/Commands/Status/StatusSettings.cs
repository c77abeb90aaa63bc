using System.ComponentModel;
using Spectre.Console.Cli;

namespace CotForge.Cli.Commands.Status;

/// <summary>Options of <c>cotforge status</c>.</summary>
internal sealed class StatusSettings : DatasetSettings
{
    [CommandOption("--json")]
    [Description("Print one JSON object instead of the table (for scripts)")]
    public bool Json { get; init; }
}
