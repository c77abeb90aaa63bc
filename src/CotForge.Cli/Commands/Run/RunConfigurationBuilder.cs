using CotForge.Cli.Commands.Run.Config;
using CotForge.Cli.Infrastructure;
using CotForge.Llm;

namespace CotForge.Cli.Commands.Run;

/// <summary>
/// Merges the command line over the --config file over the defaults, checks the rules that need both (API keys
/// present for the providers used, prices for a cost budget), and reports every problem in one
/// <see cref="UsageException"/>.
/// </summary>
internal static class RunConfigurationBuilder
{
    public const int DefaultConcurrency = 32;
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

        var roles = new Dictionary<string, LlmRoleSettings>(StringComparer.Ordinal);
        var llm = merged.Llm ?? new LlmSection();
        foreach (var role in LlmSection.RoleNames)
        {
            roles[role] = ToRoleSettings(llm.Resolve(role, flags.Llm));
        }

        CheckModels(roles, errors);
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
            Concurrency = concurrency,
            SearchParallelism = merged.Parallelism?.Search ?? concurrency,
            VerifyParallelism = merged.Parallelism?.Verify ?? concurrency,
            PostProcessParallelism = merged.Parallelism?.PostProcess ?? concurrency,
            MaxInputTokens = budget?.MaxInputTokens,
            MaxTotalTokens = budget?.MaxTotalTokens,
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
            SimLongTailLatency = merged.Simulation?.LongTailLatency ?? false,
            Notes = notes,
        };
    }

    private static LlmRoleSettings ToRoleSettings(RoleSection section)
    {
        var settings = new LlmRoleSettings
        {
            Provider = (section.Provider ?? LlmProviders.Simulated).ToLowerInvariant(),
            Model = section.Model,
            BaseUrl = section.BaseUrl,
            Temperature = section.Temperature,
            MaxOutputTokens = section.MaxOutputTokens,
            RequestsPerMinute = section.RequestsPerMinute,
            TokensPerMinute = section.TokensPerMinute,
            MaxConcurrency = section.MaxConcurrency,
            ApiKeyVariable = section.ApiKeyVariable,
        };
        if (section.TimeoutSeconds is { } timeout)
        {
            settings = settings with { Timeout = TimeSpan.FromSeconds(timeout) };
        }

        return section.MaxRetries is { } retries ? settings with { MaxRetries = retries } : settings;
    }

    private static void CheckModels(Dictionary<string, LlmRoleSettings> roles, SettingsErrors errors)
    {
        var missing = roles.Where(r => r.Value.Provider != LlmProviders.Simulated && string.IsNullOrWhiteSpace(r.Value.Model)).ToList();
        if (missing.Count > 0)
        {
            errors.Add($"The {missing[0].Value.Provider} provider needs a model name for role(s) {string.Join(", ", missing.Select(r => r.Key))}. " +
                "Pass --model (e.g. --model gpt-4o-mini), or set llm.model / llm.roles.<role>.model in the --config file.");
        }
    }

    /// <summary>
    /// Keys are only ever read from the environment, and the LLM layer needs one for every real provider. Checked here
    /// so that a missing key is reported with the other problems, before anything starts.
    /// </summary>
    private static void CheckKeys(Dictionary<string, LlmRoleSettings> roles, CliEnvironment environment, SettingsErrors errors)
    {
        var reported = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (role, settings) in roles)
        {
            if (settings.EffectiveApiKeyVariable is not { } variable
                || !string.IsNullOrWhiteSpace(environment.GetVariable(variable))
                || !reported.Add(variable))
            {
                continue;
            }

            string local = settings.BaseUrl is not null
                ? $" A local server that checks no key accepts any value (export {variable}=none)."
                : "";
            errors.Add($"The {settings.Provider} provider (role {role}) needs an API key, and the environment variable {variable} is not set. " +
                $"Set it (export {variable}=...); keys are never read from files or options.{local} " +
                "Or use --provider simulated to try the pipeline offline.");
        }
    }

    private static void CheckPrices(Dictionary<string, LlmRoleSettings> roles, BudgetSection budget, SettingsErrors errors)
    {
        foreach (var (role, settings) in roles)
        {
            if (settings.Provider == LlmProviders.Simulated)
            {
                continue;
            }

            if (settings.Model is null || budget.Prices?.Keys.Contains(settings.Model, StringComparer.OrdinalIgnoreCase) != true)
            {
                errors.Add($"--max-cost needs the price of every model used, and role {role} uses {settings.Model ?? "the provider's default model"} " +
                    "without one. Add it to budget.prices in the --config file, " +
                    "e.g. \"prices\": {\"gpt-4o-mini\": {\"input_per_million\": 0.15, \"output_per_million\": 0.6}}.");
                return;
            }
        }
    }
}
