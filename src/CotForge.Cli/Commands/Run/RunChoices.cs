namespace CotForge.Cli.Commands.Run;

/// <summary>The closed vocabularies of <c>run</c> and the command-line form of each configuration key.</summary>
internal static class RunChoices
{
    public static readonly IReadOnlyList<string> Verifiers = ["llm-judge", "strict-llm-judge", "exact", "numeric"];

    public static readonly IReadOnlyList<string> Providers = ["simulated", "openai", "anthropic"];

    /// <summary>Configuration keys (JSON paths) that a command-line option sets, for naming the culprit of an error.</summary>
    public static readonly IReadOnlyDictionary<string, string> FlagOfKey = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["input.question_field"] = "--question-field",
        ["input.answer_field"] = "--answer-field",
        ["input.answer_pattern"] = "--answer-pattern",
        ["input.limit"] = "--limit",
        ["search.algorithm"] = "--search",
        ["search.max_depth"] = "--max-depth",
        ["search.beam_width"] = "--beam-width",
        ["search.branching_factor"] = "--branching-factor",
        ["verifier"] = "--verifier",
        ["llm.provider"] = "--provider",
        ["llm.model"] = "--model",
        ["llm.base_url"] = "--base-url",
        ["parallelism.concurrency"] = "--concurrency",
        ["parallelism.search"] = "--search-parallelism",
        ["parallelism.verify"] = "--verify-parallelism",
        ["parallelism.post_process"] = "--post-process-parallelism",
        ["budget.max_input_tokens"] = "--max-input-tokens",
        ["budget.max_output_tokens"] = "--max-output-tokens",
        ["budget.max_cost"] = "--max-cost",
        ["simulation.latency_ms"] = "--sim-latency-ms",
        ["simulation.error_rate"] = "--sim-error-rate",
        ["seed"] = "--seed",
    };

    /// <summary>Checks the values given on the command line, naming each by its option.</summary>
    public static void CheckFlags(RunSettings settings, SettingsErrors errors) =>
        Config.RunConfigValidator.Check(RunSettingsLayer.From(settings), key => FlagOfKey.GetValueOrDefault(key, key), errors);
}
