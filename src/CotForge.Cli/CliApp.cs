using CotForge.Cli.Commands.Delete;
using CotForge.Cli.Commands.Export;
using CotForge.Cli.Commands.Reindex;
using CotForge.Cli.Commands.Reset;
using CotForge.Cli.Commands.Run;
using CotForge.Cli.Commands.Status;
using CotForge.Cli.Infrastructure;
using Spectre.Console;
using Spectre.Console.Cli;

namespace CotForge.Cli;

/// <summary>
/// The <c>cotforge</c> command tree. Built around an injected console and environment so that tests run the very
/// same verbs in-process and read what a person would see.
/// </summary>
internal static class CliApp
{
    /// <summary>
    /// Parses <paramref name="args"/>, runs the verb and returns the process exit code. Errors go to
    /// <paramref name="errors"/> (standard error in the real process, so <c>status --json</c> output stays clean);
    /// by default to <paramref name="console"/>.
    /// </summary>
    public static Task<int> RunAsync(IReadOnlyList<string> args, IAnsiConsole console, CliEnvironment environment, CancellationToken cancellationToken,
        IAnsiConsole? errors = null)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(environment);
        var registrar = new TypeRegistrar();
        registrar.RegisterInstance(typeof(CliEnvironment), environment);
        var app = new CommandApp(registrar);
        app.Configure(config => Configure(config, console, errors ?? console));
        return app.RunAsync(args, cancellationToken);
    }

    private static void Configure(IConfigurator config, IAnsiConsole console, IAnsiConsole errors)
    {
        config.SetApplicationName("cotforge");
        config.ConfigureConsole(console);
        config.UseStrictParsing();
        config.CancellationExitCode(ExitCodes.Cancelled);
        config.SetExceptionHandler((ex, _) => ErrorReporter.Report(errors, ex));

        config.AddExample("run", "data-samples/gsm8k-sample.jsonl", "--provider", "simulated");
        config.AddExample("status");
        config.AddExample("export", "--format", "sharegpt", "--output", "train.jsonl");

        config.AddCommand<RunCommand>("run")
            .WithDescription("Turn a file of (question, answer) pairs into verified chain-of-thought data. Resumes where an earlier run stopped.")
            .WithExample("run", "data-samples/gsm8k-sample.jsonl", "--provider", "simulated")
            .WithExample("run", "data-samples/truthfulqa-sample.csv", "--search", "beam", "--verifier", "strict-llm-judge")
            .WithExample("run", "questions.jsonl", "--provider", "openai", "--model", "gpt-4o-mini", "--concurrency", "64", "--max-cost", "5", "--config", "run.json")
            .WithExample("run", "questions.csv", "--provider", "openai", "--base-url", "http://localhost:11434/v1", "--model", "llama3.1")
            .WithExample("run", "data-samples/gsm8k-sample.jsonl", "--config", "data-samples/sample-config.json", "--limit", "20");

        config.AddCommand<StatusCommand>("status")
            .WithDescription("Show what happened to a dataset so far: counts per outcome, success rate, tokens, last update.")
            .WithExample("status")
            .WithExample("status", "--dataset", "gsm8k-sample", "--search", "naive", "--json");

        config.AddCommand<ExportCommand>("export")
            .WithDescription("Write a fine-tuning file (ShareGPT, OpenAI chat, Alpaca or HuatuoGPT-o1) from the verified chains.")
            .WithExample("export", "--format", "sharegpt", "--output", "train.jsonl")
            .WithExample("export", "--dataset", "gsm8k-sample", "--format", "huatuo", "--output", "huatuo.jsonl", "--include-unverified");

        config.AddCommand<ReindexCommand>("reindex")
            .WithDescription("Rebuild the SQLite index of a dataset directory from its JSONL files (always safe).")
            .WithExample("reindex", "--dataset", "gsm8k-sample");

        config.AddCommand<ResetCommand>("reset")
            .WithDescription("Delete every result of a dataset/search directory so the next run starts over. Asks first unless --yes.")
            .WithExample("reset", "--dataset", "gsm8k-sample", "--search", "naive")
            .WithExample("reset", "--dataset", "gsm8k-sample", "--yes");

        config.AddCommand<DeleteCommand>("delete")
            .WithDescription("Delete one item's results so the next run processes it again.")
            .WithExample("delete", "--id", "4a1f0e0b4bd2a3b5d4c0b4b3f1a2c3d4")
            .WithExample("delete", "--question", "What is 2+2?", "--answer", "4");
    }
}
