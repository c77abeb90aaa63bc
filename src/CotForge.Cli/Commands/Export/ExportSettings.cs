using System.ComponentModel;
using Spectre.Console.Cli;

namespace CotForge.Cli.Commands.Export;

/// <summary>Options of <c>cotforge export</c>.</summary>
internal sealed class ExportSettings : DatasetSettings
{
    [CommandOption("-f|--format <FORMAT>")]
    [Description("sharegpt, openai (chat fine-tuning), alpaca or huatuo (HuatuoGPT-o1 SFT: Question / Complex_CoT / Response)")]
    public string? Format { get; init; }

    [CommandOption("-o|--output <FILE>")]
    [Description("JSONL file to write (replaced atomically when it exists)")]
    public string? Output { get; init; }

    [CommandOption("--include-unverified")]
    [Description("Also export chains that were not verified against the ground truth")]
    public bool IncludeUnverified { get; init; }

    protected override void Collect(SettingsErrors errors)
    {
        base.Collect(errors);
        if (Format is null)
        {
            errors.Add("--format", null, "is required", $"Pass one of: {string.Join(", ", ExportFormats.Names)}.");
        }
        else if (ExportFormats.Find(Format) is null)
        {
            errors.Add("--format", Format, "is not a known format", $"Use one of: {string.Join(", ", ExportFormats.Names)}.");
        }

        if (string.IsNullOrWhiteSpace(Output))
        {
            errors.Add("--output", Output, "is required", "Pass the file to write, e.g. --output train.jsonl.");
        }
        else if (Directory.Exists(Output))
        {
            errors.Add("--output", Output, "is a directory", "Pass a file path, e.g. --output " + Path.Combine(Output, "train.jsonl") + ".");
        }
    }
}
