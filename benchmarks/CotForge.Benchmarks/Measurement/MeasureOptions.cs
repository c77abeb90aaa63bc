using System.Globalization;

namespace CotForge.Benchmarks.Measurement;

/// <summary>Options of <c>measure</c>: <c>--repeat N</c>, <c>--sizes 10000,100000</c>, <c>--items N</c>, <c>--out DIR|-</c>.</summary>
internal sealed class MeasureOptions
{
    /// <summary>Runs per figure; the report shows the median (and the range). Default 3.</summary>
    public int Repeat { get; private set; } = 3;

    /// <summary>Input sizes of the <c>pipeline</c> scenario. Default 10,000, 100,000 and 1,000,000.</summary>
    public IReadOnlyList<long> Sizes { get; private set; } = [10_000, 100_000, 1_000_000];

    /// <summary>Overrides a scenario's item count (latency, naive comparison, storage), for a quick look.</summary>
    public long? Items { get; private set; }

    /// <summary>Where the markdown tables go; null (<c>--out -</c>) prints only. Default benchmarks/results.</summary>
    public string? OutputDirectory { get; private set; } = Infrastructure.RepositoryPaths.Results;

    /// <summary>The scenario names given.</summary>
    public List<string> Scenarios { get; } = [];

    public static MeasureOptions Parse(IReadOnlyList<string> args)
    {
        var options = new MeasureOptions();
        for (int i = 0; i < args.Count; i++)
        {
            string arg = args[i];
            string Next() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"'{arg}' needs a value.");
            switch (arg)
            {
                case "--repeat":
                    options.Repeat = int.Parse(Next(), CultureInfo.InvariantCulture);
                    if (options.Repeat < 1)
                    {
                        throw new ArgumentException($"'--repeat' must be at least 1; was {options.Repeat}.");
                    }

                    break;
                case "--sizes":
                    options.Sizes = Next().Split(',', StringSplitOptions.RemoveEmptyEntries).Select(s => long.Parse(s, CultureInfo.InvariantCulture)).ToList();
                    break;
                case "--items":
                    options.Items = long.Parse(Next(), CultureInfo.InvariantCulture);
                    break;
                case "--out":
                    string value = Next();
                    options.OutputDirectory = value == "-" ? null : Path.GetFullPath(value);
                    break;
                default:
                    if (arg.StartsWith('-'))
                    {
                        throw new ArgumentException($"Unknown option '{arg}'.");
                    }

                    options.Scenarios.Add(arg);
                    break;
            }
        }

        return options;
    }
}
