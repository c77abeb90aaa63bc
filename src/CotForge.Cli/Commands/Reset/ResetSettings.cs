using System.ComponentModel;
using Spectre.Console.Cli;

namespace CotForge.Cli.Commands.Reset;

/// <summary>Options of <c>cotforge reset</c>.</summary>
internal sealed class ResetSettings : DatasetSettings
{
    [CommandOption("-y|--yes")]
    [Description("Do not ask for confirmation (required when not running on a terminal)")]
    public bool Yes { get; init; }
}
