using CotForge.Cli.Commands.Run.Config;
using CotForge.Cli.Infrastructure;

namespace CotForge.Cli.Commands.Run;

/// <summary>
/// Merges the command line over the --config file over the defaults, checks the rules that need both (API keys
/// present for the providers used, prices for a cost budget), and reports every problem in one
/// <see cref="UsageException"/>.
/// </summary>
internal static class RunConfigurationBuilder
{
    public const int DefaultConcurrency = 16;
    public const int DefaultSimLatencyMs = 20;

    public static RunConfiguration Build(RunSettings settings, CliEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(environment);
        var errors = new SettingsErrors();
        RunConfigFile? file = null;
        if (settings.ConfigFile is { } path)
        {
            file = RunConfigFileLoader.Load(path);
            string shown = Path.GetFileName(path);
            RunConfigValidator.Check(file, key => $"{key} (in {shown})", errors);
        }

        var flags = RunSettingsLayer.From(settings);
        var merged = RunConfigFile.Merge(flags, file);
        var notes = new List<string>();

        var roles = new Dictionary<string, RoleSection>(StringComparer.Ordinal);
        var llm = merged.Llm ?? new LlmSection();
        foreach (var role in LlmSection.RoleNames)
        {
            var effective = llm.Resolve(role, flags.Llm);
            effective.Provider = (effective.Provider ?? "simulated").ToLowerInvariant();
            roles[role] = effective;
        }

        CheckKeys(roles, environment, errors);
        var search = SearchNames.Normalize(merged.Search?.Algorithm) ?? SearchNames.Naive;
        if (search == SearchNames.Naive && (merged.Search?.BeamWidth is not null || merged.Search?.BranchingFactor is not null))
        {
            notes.Add("--beam-width and --branching-factor only apply to --search beam; the naive search ignores them.");
        }

        var budget = merged.Budget;
        if (budget?.MaxCost is not null)
        {
            CheckPrices(roles, budget, errors);
        }

        if (errors.Count > 0)
        {
            throw new UsageException(SettingsErrors.Format(errors.Messages));
        }

        int concurrency = merged.Parallelism?.Concurrency ?? DefaultConcurrency;
        return new RunConfiguration
        {
            InputPath = Path.GetFullPath(settings.Input),
            BaseDir = settings.BaseDir,
            DatasetName = settings.Dataset ?? Path.GetFileNameWithoutExtension(settings.Input),
            Search = search,
            MaxDepth = merged.Search?.MaxDepth ?? 3,
            BeamWidth = merged.Search?.BeamWidth ?? 2,
            BranchingFactor = merged.Search?.BranchingFactor ?? 3,
            Verifier = (merged.Verifier ?? "llm-judge").ToLowerInvariant(),
            Roles = roles,
            SearchParallelism = merged.Parallelism?.Search ?? concurrency,
            VerifyParallelism = merged.Parallelism?.Verify ?? concurrency,
            PostProcessParallelism = merged.Parallelism?.PostProcess ?? concurrency,
            MaxInputTokens = budget?.MaxInputTokens,
            MaxOutputTokens = budget?.MaxOutputTokens,
            MaxCost = budget?.MaxCost,
            Prices = budget?.Prices ?? [],
            QuestionField = merged.Input?.QuestionField,
            AnswerField = merged.Input?.AnswerField,
            AnswerPattern = merged.Input?.AnswerPattern,
            Limit = merged.Input?.Limit,
            Overwrite = settings.Overwrite ?? false,
            AllowConfigChange = settings.AllowConfigChange ?? false,
            RetryUnverified = settings.RetryUnverified ?? false,
            Seed = merged.Seed ?? 42,
            SimLatencyMs = merged.Simulation?.LatencyMs ?? DefaultSimLatencyMs,
            SimErrorRate = merged.Simulation?.ErrorRate ?? 0,
            Notes = notes,
        };
    }

    /// <summary>
    /// Keys are only ever read from the environment. OpenAI-compatible local servers (a --base-url) usually need none,
    /// so a missing OPENAI_API_KEY is only an error against the default endpoint.
    /// </summary>
    private static void CheckKeys(Dictionary<string, RoleSection> roles, CliEnvironment environment, SettingsErrors errors)
    {
        var reported = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (role, settings) in roles)
        {
            string? variable = settings.Provider switch
            {
                "openai" when settings.BaseUrl is null => "OPENAI_API_KEY",
                "anthropic" => "ANTHROPIC_API_KEY",
                _ => null,
            };
            if (variable is not null && string.IsNullOrEmpty(environment.GetVariable(variable)) && reported.Add(variable))
            {
                errors.Add($"The {settings.Provider} provider (role {role}) needs an API key, and {variable} is not set. " +
                    $"Set it in the environment (export {variable}=...); keys are never read from files or options. " +
                    "Or use --provider simulated to try the pipeline offline.");
            }
        }
    }

    private static void CheckPrices(Dictionary<string, RoleSection> roles, BudgetSection budget, SettingsErrors errors)
    {
        foreach (var (role, settings) in roles)
        {
            if (settings.Provider == "simulated")
            {
                continue;
            }

            if (settings.Model is null || budget.Prices?.ContainsKey(settings.Model) != true)
            {
                errors.Add($"--max-cost needs the price of every model used, and role {role} uses {settings.Model ?? "the provider's default model"} " +
                    "without one. Name the model with --model (or llm.model) and add it to budget.prices in the --config file, " +
                    "e.g. \"prices\": {\"gpt-4o-mini\": {\"input_per_million\": 0.15, \"output_per_million\": 0.6}}.");
                return;
            }
        }
    }
}
