using System.ComponentModel;
using Spectre.Console.Cli;

namespace CotForge.Cli.Commands.Run;

/// <summary>
/// Options of <c>cotforge run</c>. Every option is nullable so that a value given on the command line can be told
/// apart from one left unset: unset options fall back to the --config file, then to the defaults named in the
/// descriptions. Values are checked here for shape; rules that need the config file too are checked once the two
/// are merged (<see cref="RunConfigurationBuilder"/>), and every problem is reported in one message.
/// </summary>
internal sealed class RunSettings : DatasetSettings
{
    [CommandArgument(0, "<INPUT>")]
    [Description("Input file: .jsonl, .json (array of objects), .csv or .tsv, one (question, answer) pair per row/record")]
    public string Input { get; init; } = "";

    [CommandOption("--config <FILE>")]
    [Description("JSON run configuration (see data-samples/sample-config.json); command-line options override it")]
    public string? ConfigFile { get; init; }

    [CommandOption("--max-depth <N>")]
    [Description("Reasoning steps after the first before giving up on an item. Default: 3")]
    public int? MaxDepth { get; init; }

    [CommandOption("--beam-width <N>")]
    [Description("Beam search: chains kept at each depth. Default: 2")]
    public int? BeamWidth { get; init; }

    [CommandOption("--branching-factor <N>")]
    [Description("Beam search: candidate continuations per chain and step. Default: 3")]
    public int? BranchingFactor { get; init; }

    [CommandOption("--verifier <KIND>")]
    [Description("How a final answer is checked: llm-judge, strict-llm-judge, exact or numeric. Default: llm-judge")]
    public string? Verifier { get; init; }

    [CommandOption("--provider <NAME>")]
    [Description("LLM provider for every role: simulated (offline), openai (any compatible endpoint) or anthropic. Default: simulated")]
    public string? Provider { get; init; }

    [CommandOption("--model <NAME>")]
    [Description("Model for every role (per-role models go in --config)")]
    public string? Model { get; init; }

    [CommandOption("--base-url <URL>")]
    [Description("Endpoint for every role, e.g. http://localhost:11434/v1 for Ollama or a vLLM server")]
    public string? BaseUrl { get; init; }

    [CommandOption("--question-field <NAME>")]
    [Description("Field/column holding the question. Default: question (common aliases such as Question, prompt, input are detected)")]
    public string? QuestionField { get; init; }

    [CommandOption("--answer-field <NAME>")]
    [Description("Field/column holding the ground-truth answer. Default: answer (aliases such as Best Answer, solution, output are detected)")]
    public string? AnswerField { get; init; }

    [CommandOption("--answer-pattern <REGEX>")]
    [Description("Regular expression whose group 'answer' (or first group) is the ground truth; 'gsm8k' takes the text after '#### ', 'none' keeps the whole answer. Default: gsm8k when detected")]
    public string? AnswerPattern { get; init; }

    [CommandOption("--limit <N>")]
    [Description("Read at most N rows of the input")]
    public long? Limit { get; init; }

    [CommandOption("--overwrite")]
    [Description("Delete the existing results of this dataset/search before running")]
    public bool? Overwrite { get; init; }

    [CommandOption("--allow-config-change")]
    [Description("Resume although the configuration differs from the directory's config.json")]
    public bool? AllowConfigChange { get; init; }

    [CommandOption("--retry-unverified")]
    [Description("Process again the items that ended unverified in an earlier run")]
    public bool? RetryUnverified { get; init; }

    [CommandOption("--concurrency <N>")]
    [Description("Items in flight at once; each stage's parallelism defaults to it. Default: 32")]
    public int? Concurrency { get; init; }

    [CommandOption("--search-parallelism <N>")]
    [Description("Concurrent search (generation) steps. Default: --concurrency")]
    public int? SearchParallelism { get; init; }

    [CommandOption("--verify-parallelism <N>")]
    [Description("Concurrent verifications. Default: --concurrency")]
    public int? VerifyParallelism { get; init; }

    [CommandOption("--post-process-parallelism <N>")]
    [Description("Concurrent post-processing rewrites. Default: --concurrency")]
    public int? PostProcessParallelism { get; init; }

    [CommandOption("--seed <N>")]
    [Description("Seed for strategy choice and the simulated provider; the same seed reproduces a run. Default: 42")]
    public int? Seed { get; init; }

    [CommandOption("--max-input-tokens <N>")]
    [Description("Stop sending requests once this many input tokens are spent (remaining items fail and are retried next run)")]
    public long? MaxInputTokens { get; init; }

    [CommandOption("--max-output-tokens <N>")]
    [Description("Stop sending requests once this many output tokens are spent")]
    public long? MaxOutputTokens { get; init; }

    [CommandOption("--max-cost <USD>")]
    [Description("Stop sending requests once the estimated cost reaches this many US dollars (model prices go in --config)")]
    public decimal? MaxCost { get; init; }

    [CommandOption("--sim-latency-ms <MS>")]
    [Description("Simulated provider: mean latency per call in milliseconds. Default: 20")]
    public int? SimLatencyMs { get; init; }

    [CommandOption("--sim-error-rate <RATE>")]
    [Description("Simulated provider: share of calls that fail transiently (429, 5xx, timeout, bad JSON), 0 to 1. Default: 0")]
    public double? SimErrorRate { get; init; }

    [CommandOption("--plain")]
    [Description("Write plain progress lines even on a terminal (they are the default when output is redirected)")]
    public bool Plain { get; init; }

    protected override void Collect(SettingsErrors errors)
    {
        base.Collect(errors);
        if (string.IsNullOrWhiteSpace(Input))
        {
            errors.Add("INPUT", Input, "is required", "Pass the input file, e.g. cotforge run data-samples/gsm8k-sample.jsonl.");
        }
        else if (!InputFormats.IsSupported(Input))
        {
            errors.Add("INPUT", Input, "has an unsupported extension",
                $"Use a {string.Join(", ", InputFormats.Extensions)} file (rename it if the content is one of those).");
        }
        else if (!File.Exists(Input))
        {
            errors.Add("INPUT", Input, "does not exist", $"Check the path (relative paths start at {Directory.GetCurrentDirectory()}).");
        }

        if (ConfigFile is not null && !File.Exists(ConfigFile))
        {
            errors.Add("--config", ConfigFile, "does not exist", "Check the path, or start from data-samples/sample-config.json.");
        }

        RunChoices.CheckFlags(this, errors);
    }
}
