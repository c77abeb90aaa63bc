using CotForge.Benchmarks.Infrastructure;
using CotForge.Benchmarks.Measurement;

// `measure ...` runs the million-row measurements BenchmarkDotNet is poor at; everything else goes to
// BenchmarkDotNet's switcher (`--filter`, `--job`, `--list flat`, ...). See benchmarks/README.md.
if (args.Length > 0 && string.Equals(args[0], "measure", StringComparison.OrdinalIgnoreCase))
{
    return await MeasureCommand.RunAsync(args[1..]);
}

return BenchmarkHost.Run(args);
