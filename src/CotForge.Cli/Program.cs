using CotForge.Cli;
using CotForge.Cli.Infrastructure;
using Spectre.Console;

using var cancellation = new CancellationTokenSource();
using var signals = ShutdownSignals.Register(cancellation);
return await CliApp.RunAsync(args, AnsiConsole.Console, CliEnvironment.FromProcess(), cancellation.Token);
