namespace CotForge.Cli.Commands.Run.Config;

/// <summary>
/// The JSON run configuration of <c>--config FILE</c> (snake_case keys, see data-samples/sample-config.json). The
/// command-line options are turned into an instance of the same shape, so merging "flags over file" is one
/// property-by-property <see cref="Merge"/> and every rule is checked by one validator for both sources.
/// </summary>
internal sealed class RunConfigFile
{
    /// <summary>Where questions and answers come from in each row.</summary>
    public InputSection? Input { get; set; }

    /// <summary>Search algorithm and its budget.</summary>
    public SearchSection? Search { get; set; }

    /// <summary>llm-judge | strict-llm-judge | exact | numeric. Default: llm-judge.</summary>
    public string? Verifier { get; set; }

    /// <summary>Provider, model and limits: defaults for every role plus per-role overrides.</summary>
    public LlmSection? Llm { get; set; }

    /// <summary>Degree of parallelism per pipeline stage.</summary>
    public ParallelismSection? Parallelism { get; set; }

    /// <summary>Token and cost ceilings; prices per model for the cost estimate.</summary>
    public BudgetSection? Budget { get; set; }

    /// <summary>Knobs of the offline simulated provider.</summary>
    public SimulationSection? Simulation { get; set; }

    /// <summary>Seed for strategy choice and the simulated provider. Default: 42.</summary>
    public int? Seed { get; set; }

    /// <summary>A copy where every value set in <paramref name="over"/> wins over <paramref name="under"/>.</summary>
    public static RunConfigFile Merge(RunConfigFile over, RunConfigFile? under)
    {
        ArgumentNullException.ThrowIfNull(over);
        if (under is null)
        {
            return over;
        }

        return new RunConfigFile
        {
            Input = InputSection.Merge(over.Input, under.Input),
            Search = SearchSection.Merge(over.Search, under.Search),
            Verifier = over.Verifier ?? under.Verifier,
            Llm = LlmSection.Merge(over.Llm, under.Llm),
            Parallelism = ParallelismSection.Merge(over.Parallelism, under.Parallelism),
            Budget = BudgetSection.Merge(over.Budget, under.Budget),
            Simulation = SimulationSection.Merge(over.Simulation, under.Simulation),
            Seed = over.Seed ?? under.Seed,
        };
    }
}
