using CotForge.Cli;
using CotForge.Cli.Infrastructure;
using Spectre.Console;

// Logs and pipes have no width; wrapping progress lines at 80 columns would only make them harder to grep.
if (Console.IsOutputRedirected)
{
    AnsiConsole.Console.Profile.Width = 200;
}

var errors = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
if (Console.IsErrorRedirected)
{
    errors.Profile.Width = 200;
}

using var cancellation = new CancellationTokenSource();
using var signals = ShutdownSignals.Register(cancellation);
return await CliApp.RunAsync(args, AnsiConsole.Console, CliEnvironment.FromProcess(), cancellation.Token, errors);
