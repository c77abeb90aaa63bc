using System.Text.RegularExpressions;

namespace CotForge.Cli.Commands.Run.Config;

/// <summary>
/// The rules every configuration value obeys, wherever it came from. <c>nameOf</c> turns a key such as
/// <c>search.max_depth</c> into what the user typed (<c>--max-depth</c>, or <c>search.max_depth in run.json</c>).
/// </summary>
internal static class RunConfigValidator
{
    public static void Check(RunConfigFile layer, Func<string, string> nameOf, SettingsErrors errors)
    {
        ArgumentNullException.ThrowIfNull(layer);
        ArgumentNullException.ThrowIfNull(nameOf);
        ArgumentNullException.ThrowIfNull(errors);

        CheckInput(layer.Input, nameOf, errors);
        if (layer.Search is { } search)
        {
            if (search.Algorithm is not null && SearchNames.Normalize(search.Algorithm) is null)
            {
                errors.Add(nameOf("search.algorithm"), search.Algorithm, "is not a known search", "Use naive or beam.");
            }

            errors.InRange(nameOf("search.max_depth"), search.MaxDepth, 1, 50, "3");
            errors.InRange(nameOf("search.beam_width"), search.BeamWidth, 1, 64, "2");
            errors.InRange(nameOf("search.branching_factor"), search.BranchingFactor, 1, 64, "3");
        }

        errors.OneOf(nameOf("verifier"), layer.Verifier, RunChoices.Verifiers);
        if (layer.Llm is { } llm)
        {
            CheckRole("llm", llm, nameOf, errors);
            foreach (var (role, section) in llm.Roles ?? [])
            {
                if (!LlmSection.RoleNames.Contains(role, StringComparer.Ordinal))
                {
                    errors.Add(nameOf("llm.roles"), role, "names an unknown role", $"Use one of: {string.Join(", ", LlmSection.RoleNames)}.");
                }
                else if (section is null)
                {
                    errors.Add(nameOf("llm.roles." + role), null, "must be an object", "Write e.g. {\"model\": \"gpt-4o-mini\"}.");
                }
                else
                {
                    CheckRole("llm.roles." + role, section, nameOf, errors);
                }
            }
        }

        if (layer.Parallelism is { } p)
        {
            errors.InRange(nameOf("parallelism.concurrency"), p.Concurrency, 1, 4096, "16");
            errors.InRange(nameOf("parallelism.search"), p.Search, 1, 4096, "16");
            errors.InRange(nameOf("parallelism.verify"), p.Verify, 1, 4096, "16");
            errors.InRange(nameOf("parallelism.post_process"), p.PostProcess, 1, 4096, "8");
        }

        CheckBudget(layer.Budget, nameOf, errors);
        if (layer.Simulation is { } sim)
        {
            errors.InRange(nameOf("simulation.latency_ms"), sim.LatencyMs, 0, 600_000, "20");
            errors.InRange(nameOf("simulation.error_rate"), sim.ErrorRate, 0, 1, "0.2");
        }
    }

    private static void CheckInput(InputSection? input, Func<string, string> nameOf, SettingsErrors errors)
    {
        if (input is null)
        {
            return;
        }

        if (input.QuestionField is { Length: 0 })
        {
            errors.Add(nameOf("input.question_field"), "", "must name a field", "Pass the column or key of the question, e.g. Question.");
        }

        if (input.AnswerField is { Length: 0 })
        {
            errors.Add(nameOf("input.answer_field"), "", "must name a field", "Pass the column or key of the answer, e.g. \"Best Answer\".");
        }

        if (input.AnswerPattern is { } pattern && !AnswerPatterns.IsValid(pattern, out var error))
        {
            errors.Add(nameOf("input.answer_pattern"), pattern, "is not a valid regular expression (" + error + ")",
                "Use a .NET regex with a group named 'answer', e.g. \"Final answer: (?<answer>.+)\", or the preset gsm8k, or none.");
        }

        errors.InRange(nameOf("input.limit"), input.Limit, 1, long.MaxValue, "100");
    }

    private static void CheckRole(string prefix, RoleSection role, Func<string, string> nameOf, SettingsErrors errors)
    {
        errors.OneOf(nameOf(prefix + ".provider"), role.Provider, RunChoices.Providers);
        if (role.Model is { Length: 0 })
        {
            errors.Add(nameOf(prefix + ".model"), "", "must name a model", "Pass e.g. gpt-4o-mini, or leave it out for the provider's default.");
        }

        if (role.BaseUrl is { } url
            && (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)))
        {
            errors.Add(nameOf(prefix + ".base_url"), url, "must be an absolute http(s) URL", "Use e.g. http://localhost:11434/v1.");
        }

        errors.InRange(nameOf(prefix + ".temperature"), role.Temperature, 0, 2, "0.7");
        errors.InRange(nameOf(prefix + ".max_output_tokens"), role.MaxOutputTokens, 1, 1_000_000, "4096");
        errors.InRange(nameOf(prefix + ".requests_per_minute"), role.RequestsPerMinute, 1, 1_000_000, "500");
        errors.InRange(nameOf(prefix + ".tokens_per_minute"), role.TokensPerMinute, 1, 1_000_000_000, "200000");
        errors.InRange(nameOf(prefix + ".max_concurrency"), role.MaxConcurrency, 1, 4096, "32");
        errors.InRange(nameOf(prefix + ".timeout_seconds"), role.TimeoutSeconds, 1, 3600, "120");
        errors.InRange(nameOf(prefix + ".max_retries"), role.MaxRetries, 0, 20, "6");
        if (role.ApiKeyVariable is { } variable && (variable.Length == 0 || !variable.All(c => char.IsAsciiLetterOrDigit(c) || c == '_')))
        {
            errors.Add(nameOf(prefix + ".api_key_variable"), variable, "must be the name of an environment variable (letters, digits, '_'), never a key",
                "Write e.g. \"OPENROUTER_API_KEY\" and export the key under that name.");
        }
    }

    private static void CheckBudget(BudgetSection? budget, Func<string, string> nameOf, SettingsErrors errors)
    {
        if (budget is null)
        {
            return;
        }

        errors.InRange(nameOf("budget.max_input_tokens"), budget.MaxInputTokens, 1, long.MaxValue, "1000000");
        errors.InRange(nameOf("budget.max_output_tokens"), budget.MaxOutputTokens, 1, long.MaxValue, "500000");
        errors.InRange(nameOf("budget.max_total_tokens"), budget.MaxTotalTokens, 1, long.MaxValue, "1500000");
        if (budget.MaxCost is { } cost && cost <= 0)
        {
            errors.Add(nameOf("budget.max_cost"), cost, "must be more than 0", "Pass a dollar amount such as 5.");
        }

        foreach (var (model, price) in budget.Prices ?? [])
        {
            if (price is null || price.InputPerMillion is null or < 0 || price.OutputPerMillion is null or < 0)
            {
                errors.Add(nameOf("budget.prices." + model), null, "needs input_per_million and output_per_million of 0 or more",
                    "Write e.g. {\"input_per_million\": 0.15, \"output_per_million\": 0.6} (US dollars per million tokens).");
            }
        }
    }
}
