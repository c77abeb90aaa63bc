using CotForge.Cli.Infrastructure;

namespace CotForge.Cli.Tests.Support;

/// <summary>Runs cotforge in-process against a captured console.</summary>
internal static class CliRunner
{
    public static async Task<CliResult> RunAsync(string[] args, TestConsole? console = null, CliEnvironment? environment = null,
        CancellationToken cancellationToken = default)
    {
        console ??= new TestConsole();
        environment ??= new CliEnvironment { GetVariable = _ => null };
        int code = await CliApp.RunAsync(args, console, environment, cancellationToken);
        return new CliResult(code, console.Output);
    }
}

/// <summary>Exit code and everything the console showed.</summary>
internal sealed record CliResult(int ExitCode, string Output);
