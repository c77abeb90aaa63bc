using System.ComponentModel;
using Spectre.Console.Cli;

namespace CotForge.Cli.Commands.Delete;

/// <summary>Options of <c>cotforge delete</c>: one item, by id or by its (question, answer) pair.</summary>
internal sealed class DeleteSettings : DatasetSettings
{
    [CommandOption("--id <ID>")]
    [Description("Id of the item: the 32-character MD5 of question + \":\" + answer, as in results.jsonl")]
    public string? Id { get; init; }

    [CommandOption("--question <TEXT>")]
    [Description("Instead of --id: the item's question (with --answer)")]
    public string? Question { get; init; }

    [CommandOption("--answer <TEXT>")]
    [Description("Instead of --id: the item's ground-truth answer (with --question)")]
    public string? Answer { get; init; }

    protected override void Collect(SettingsErrors errors)
    {
        base.Collect(errors);
        bool byPair = Question is not null || Answer is not null;
        if (Id is null && !byPair)
        {
            errors.Add("--id", null, "is required", "Pass the id of the item to delete, e.g. --id 0f3c... (see results.jsonl or 'cotforge export').");
        }
        else if (Id is not null && byPair)
        {
            errors.Add("--id and --question/--answer name the item twice. Pass either --id, or --question with --answer.");
        }
        else if (byPair && (Question is null || Answer is null))
        {
            errors.Add(Question is null ? "--question" : "--answer", null, "is required with " + (Question is null ? "--answer" : "--question"),
                "Pass both --question and --answer, exactly as in the input.");
        }
        else if (Id is not null && (Id.Length != 32 || !Id.All(char.IsAsciiHexDigitLower)))
        {
            errors.Add("--id", Id, "is not an item id (32 lowercase hexadecimal characters)", "Copy the id from results.jsonl or errors.jsonl.");
        }
    }
}
