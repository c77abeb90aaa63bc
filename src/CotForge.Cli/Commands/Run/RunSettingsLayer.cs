using CotForge.Cli.Commands.Run.Config;

namespace CotForge.Cli.Commands.Run;

/// <summary>The command-line options of <c>run</c> as a configuration layer of the same shape as the --config file.</summary>
internal static class RunSettingsLayer
{
    public static RunConfigFile From(RunSettings s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return new RunConfigFile
        {
            Input = new InputSection { QuestionField = s.QuestionField, AnswerField = s.AnswerField, AnswerPattern = s.AnswerPattern, Limit = s.Limit },
            Search = new SearchSection { Algorithm = s.Search, MaxDepth = s.MaxDepth, BeamWidth = s.BeamWidth, BranchingFactor = s.BranchingFactor },
            Verifier = s.Verifier,
            Llm = new LlmSection { Provider = s.Provider, Model = s.Model, BaseUrl = s.BaseUrl },
            Parallelism = new ParallelismSection
            {
                Concurrency = s.Concurrency,
                Search = s.SearchParallelism,
                Verify = s.VerifyParallelism,
                PostProcess = s.PostProcessParallelism,
            },
            Budget = new BudgetSection { MaxInputTokens = s.MaxInputTokens, MaxOutputTokens = s.MaxOutputTokens, MaxCost = s.MaxCost },
            Simulation = new SimulationSection { LatencyMs = s.SimLatencyMs, ErrorRate = s.SimErrorRate },
            Seed = s.Seed,
        };
    }
}
