using BenchmarkDotNet.Attributes;

namespace CotForge.Benchmarks.EndToEnd;

/// <summary>
/// A benchmark of whole runs over one generated JSONL input of <see cref="InputRows"/> rows in a scratch folder, each
/// iteration into a fresh output directory that is deleted after it.
/// </summary>
public abstract class ScratchRunBenchmark
{
    /// <summary>The scratch folder that holds the input and the outputs.</summary>
    protected string Root { get; private set; } = string.Empty;

    /// <summary>The generated input file.</summary>
    protected string Input { get; private set; } = string.Empty;

    /// <summary>This iteration's output directory.</summary>
    protected string Output { get; private set; } = string.Empty;

    /// <summary>Rows of the generated input.</summary>
    protected abstract int InputRows { get; }

    /// <summary>Name of the scratch folder (a unique suffix is added).</summary>
    protected abstract string ScratchName { get; }

    [GlobalSetup]
    public void Setup()
    {
        Root = Workload.NewScratchDirectory(ScratchName);
        Input = Workload.WriteJsonl(Root, InputRows);
    }

    [IterationSetup]
    public void NewOutput() => Output = Path.Combine(Root, "out-" + Guid.NewGuid().ToString("N")[..8]);

    [IterationCleanup]
    public void DeleteOutput() => Workload.DeleteScratchDirectory(Output);

    [GlobalCleanup]
    public void Cleanup() => Workload.DeleteScratchDirectory(Root);
}
