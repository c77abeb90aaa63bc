using CotForge.Storage;
using Spectre.Console;
using Spectre.Console.Cli;

namespace CotForge.Cli.Infrastructure;

/// <summary>
/// Turns whatever ended a command into the message a person reads and the exit code a script reads (SPEC §5):
/// usage and configuration problems are 2 and say how to fix them; cancellation is 130; anything else is a bug or
/// an environment failure, 1.
/// </summary>
internal static class ErrorReporter
{
    public static int Report(IAnsiConsole console, Exception exception)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(exception);
        switch (exception)
        {
            case OperationCanceledException:
                console.MarkupLine("[yellow]Cancelled.[/]");
                return ExitCodes.Cancelled;

            case CommandParseException parse:
                if (parse.Pretty is { } pretty)
                {
                    console.Write(pretty);
                }
                else
                {
                    Error(console, parse.Message);
                }

                console.MarkupLine("Run [bold]cotforge --help[/] or [bold]cotforge <verb> --help[/] for the options and examples.");
                return ExitCodes.Usage;

            case CommandRuntimeException or UsageException or ConfigMismatchException or DatasetLockedException:
                Error(console, exception.Message);
                return ExitCodes.Usage;

            default:
                Error(console, $"{exception.GetType().Name}: {exception.Message}");
                console.WriteLine(exception.ToString());
                return ExitCodes.Unexpected;
        }
    }

    private static void Error(IAnsiConsole console, string message)
    {
        console.Markup("[red]Error:[/] ");
        console.WriteLine(message);
    }
}
