using CotForge.Storage.CrashWriter;

// crash mode:   CotForge.Storage.CrashWriter <base-dir> <dataset> <search> <run-number>
//   Opens the directory (recovery runs here), then writes items as fast as it can and prints "C <id>" for every id
//   as the writer's Committed event reports it (stdout is flushed per event). Runs until killed.
// measure mode: CotForge.Storage.CrashWriter --measure <append|lookups|open|rebuild|all> <work-dir> [items]
if (args.Length >= 3 && args[0] == "--measure")
{
    return await Measurements.RunAsync(args[1], args[2], args.Length > 3 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 0);
}

if (args.Length != 4)
{
    await Console.Error.WriteLineAsync("usage: CotForge.Storage.CrashWriter <base-dir> <dataset> <search> <run-number> | --measure <what> <work-dir> [items]");
    return 2;
}

return await CrashRun.RunAsync(args[0], args[1], args[2], int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture));
