using System.Collections.Concurrent;
using CotForge.Cli.Display;
using CotForge.Cli.Infrastructure;
using CotForge.Llm;
using CotForge.Pipeline;
using CotForge.Pipeline.Load;
using Spectre.Console;
using Spectre.Console.Cli;

namespace CotForge.Cli.Commands.Run;

/// <summary>
/// <c>cotforge run INPUT</c>: resolves the configuration, says what it is about to do (provider, fields, answer
/// extraction), runs the pipeline under a live display or plain log, and ends with a summary that accounts for every
/// row. Exit 0 when nothing failed, 3 when some items failed (retried next run), 130 when cancelled after a flush.
/// </summary>
internal sealed class RunCommand(IAnsiConsole console, CliEnvironment environment) : AsyncCommand<RunSettings>
{
    private const int RejectsShown = 5;

    public override async Task<int> ExecuteAsync(CommandContext context, RunSettings settings, CancellationToken cancellationToken)
    {
        var config = RunConfigurationBuilder.Build(settings, environment);
        var preview = await InputPreview.ReadAsync(config.InputPath, config.QuestionField, config.AnswerField, cancellationToken);
        var (answerPattern, detected) = ResolveAnswerPattern(config, preview);
        Announce(config, preview, answerPattern, detected);

        using var llm = RunPipelineFactory.CreateLlm(config, environment);
        CotForgePipeline pipeline;
        try
        {
            pipeline = RunPipelineFactory.CreatePipeline(config, llm, environment);
        }
        catch (LlmConfigurationException ex)
        {
            throw new UsageException(ex.Message, ex);
        }

        console.MarkupLineInterpolated($"Output: [bold]{pipeline.Location.DirectoryPath}[/]");
        var rejects = new ConcurrentQueue<RowRejectedArgs>();
        var batch = new BatchOptions
        {
            Overwrite = config.Overwrite,
            Limit = config.Limit,
            RetryUnverified = config.RetryUnverified,
            AllowConfigChange = config.AllowConfigChange,
            RowRejected = r =>
            {
                if (rejects.Count < RejectsShown)
                {
                    rejects.Enqueue(r);
                }
            },
        };
        var input = new InputOptions { QuestionField = config.QuestionField, AnswerField = config.AnswerField, AnswerPattern = answerPattern };

        bool live = !settings.Plain && console.Profile.Capabilities.Interactive && console.Profile.Capabilities.Ansi;
        var monitor = new RunMonitor(console, environment, $"{config.DatasetName} / {pipeline.Location.SearchName}", live);
        using var counting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _ = CountRowsAsync(config, monitor, counting.Token);

        var started = environment.TimeProvider.GetUtcNow();
        RunSummary summary;
        try
        {
            summary = await monitor.ShowWhileAsync(
                () => pipeline.BuildBatchFromFileAsync(config.InputPath, input, batch, monitor, cancellationToken),
                cancellationToken);
        }
        catch (InputFormatException ex)
        {
            throw new UsageException(ex.Message, ex);
        }
        finally
        {
            await counting.CancelAsync();
        }

        console.WriteLine();
        var errors = summary.Failed > 0 ? RecentErrors.Read(summary.DirectoryPath, started.AddSeconds(-1), max: 3) : [];
        console.Write(RunSummaryView.Render(summary, [.. rejects], errors));
        return ExitCodeOf(summary);
    }

    internal static int ExitCodeOf(RunSummary summary) => summary.StopReason switch
    {
        StopReason.Cancelled => ExitCodes.Cancelled,
        _ when summary.Failed > 0 || summary.Abandoned > 0 => ExitCodes.FinishedWithFailures,
        _ => ExitCodes.Ok,
    };

    /// <summary>The pattern the loader applies, and whether it was detected rather than asked for.</summary>
    internal static (string? Pattern, bool Detected) ResolveAnswerPattern(RunConfiguration config, InputPreview.Result preview)
    {
        if (config.AnswerPattern is { } pattern)
        {
            return (pattern.Equals(AnswerPatterns.None, StringComparison.OrdinalIgnoreCase) ? null : pattern, false);
        }

        return AnswerPatterns.LooksLikeGsm8k(preview.Answers) ? (AnswerPatterns.Gsm8k, true) : (null, false);
    }

    private void Announce(RunConfiguration config, InputPreview.Result preview, string? answerPattern, bool detected)
    {
        console.MarkupLineInterpolated($"Input: [bold]{config.InputPath}[/]");
        if (preview.Mapping is { } mapping)
        {
            console.WriteLine("Fields: " + mapping with { AnswerPattern = answerPattern });
        }

        if (detected)
        {
            console.MarkupLine("Answers end in [bold]#### <final answer>[/] (GSM8K style), so the ground truth is the text after '####'. " +
                "Pass [bold]--answer-pattern none[/] to keep whole answers.");
        }

        var described = config.Roles
            .GroupBy(r => (r.Value.Provider, Model: r.Value.EffectiveModel, r.Value.EffectiveBaseUrl))
            .Select(g => $"{g.Key.Provider} {g.Key.Model}{(g.Key.EffectiveBaseUrl is { } url ? " at " + url : "")} ({string.Join(", ", g.Select(r => r.Key))})");
        console.WriteLine($"Search: {config.Search} (max depth {config.MaxDepth}{(config.Search == SearchNames.Beam ? $", beam width {config.BeamWidth}, branching {config.BranchingFactor}" : "")}), " +
            $"verifier: {config.Verifier}, concurrency: {config.Concurrency}");
        console.WriteLine("Models: " + string.Join("; ", described));
        if (config.UsesSimulation)
        {
            console.MarkupLine($"[yellow]Provider: simulated[/] — offline and deterministic (seed {config.Seed}, ~{config.SimLatencyMs} ms per call" +
                $"{(config.SimErrorRate > 0 ? $", {config.SimErrorRate * 100:0.#}% injected faults" : "")}); the reasoning is simulated, not written by a model.");
        }

        foreach (var note in config.Notes)
        {
            console.MarkupLineInterpolated($"[grey]Note:[/] {note}");
        }
    }

    private static async Task CountRowsAsync(RunConfiguration config, RunMonitor monitor, CancellationToken cancellationToken)
    {
        try
        {
            monitor.SetTotalRows(await InputRowCounter.CountAsync(config.InputPath, config.Limit, cancellationToken));
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or UnauthorizedAccessException)
        {
            // The ETA is a nicety: without a count the display just shows no ETA.
        }
    }
}
