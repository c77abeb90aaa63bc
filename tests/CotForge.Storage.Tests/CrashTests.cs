using System.Collections.Concurrent;
using System.Diagnostics;
using CotForge.Storage.Tests.Support;
using Xunit.Abstractions;

namespace CotForge.Storage.Tests;

/// <summary>
/// SPEC §4: "A crash (kill -9, power loss) at any instant leaves a directory from which the next run resumes with every
/// committed item exactly once, no torn line, and an index that agrees with the files." A real child process writes at
/// full speed and is killed with SIGKILL at random moments; after each kill the directory is reopened and checked.
/// </summary>
public sealed class CrashTests : IDisposable
{
    private const int Kills = 20;
    private static readonly System.Buffers.SearchValues<char> HexDigits = System.Buffers.SearchValues.Create("0123456789abcdef");
    private readonly TempDirectory _temp = new();
    private readonly ITestOutputHelper _output;

    public CrashTests(ITestOutputHelper output) => _output = output;

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Sigkill_AtRandomMoments_EveryReportedItemSurvivesExactlyOnce()
    {
        int seed = Environment.TickCount;
        _output.WriteLine($"seed {seed}");
        var random = new Random(seed);
        var location = _temp.Location("crash");
        var reported = new HashSet<string>(StringComparer.Ordinal);
        int tornRepairs = 0, orphanRepairs = 0;

        for (int run = 0; run < Kills; run++)
        {
            var errors = new ConcurrentQueue<string>();
            var (ids, exitedEarly) = await RunAndKillAsync(location, run, random.Next(50, 401), errors);
            Assert.False(exitedEarly, $"run {run}: the writer exited by itself before it was killed; stderr: {string.Join('\n', errors)}");
            reported.UnionWith(ids);

            using var manager = PersistenceManager.Open(location);
            tornRepairs += manager.LastRecovery.TornBytes.Count;
            orphanRepairs += manager.LastRecovery.OrphansCut;
            var present = DirectoryAssert.Consistent(manager).ToHashSet(StringComparer.Ordinal);
            var missing = reported.Where(id => !present.Contains(id)).ToList();
            Assert.True(missing.Count == 0, $"run {run}: {missing.Count} ids reported committed are missing, e.g. {missing.FirstOrDefault()}");
            Assert.True(ids.Count > 0, $"run {run}: nothing was committed before the kill");
        }

        _output.WriteLine($"{reported.Count} ids reported committed; repairs: {tornRepairs} torn tails, {orphanRepairs} orphan lines");
    }

    private static async Task<(List<string> Ids, bool ExitedEarly)> RunAndKillAsync(DatasetLocation location, int run, int delayMs, ConcurrentQueue<string> errors)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in new[] { CrashWriterPath(), location.BaseDirectory, location.DatasetName, location.SearchName, run.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(arg);
        }

        var ids = new ConcurrentQueue<string>();
        var firstCommit = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) =>
        {
            // A group's ids leave the child in one write that the kill can cut short (pipe writes above 4 KB are not
            // atomic): only complete lines are reports.
            if (e.Data is { Length: 34 } line && line.StartsWith("C ", StringComparison.Ordinal) && line.AsSpan(2).IndexOfAnyExcept(HexDigits) < 0)
            {
                ids.Enqueue(line[2..]);
                firstCommit.TrySetResult();
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                errors.Enqueue(e.Data);
            }
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var first = await Task.WhenAny(firstCommit.Task, process.WaitForExitAsync(), Task.Delay(TimeSpan.FromSeconds(30)));
            Assert.True(firstCommit.Task.IsCompleted, $"run {run}: no commit reported; stderr: {string.Join('\n', errors)}");

            // The kill lands at a random moment of the run: inside a group, between the two files, during the index update…
            await Task.Delay(delayMs);
            bool exitedEarly = process.HasExited;
            process.Kill();

            // WaitForExit() without a timeout also waits until every line already written to stdout has been read.
            await process.WaitForExitAsync();
            process.WaitForExit();
            return (ids.ToList(), exitedEarly);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill();
            }
        }
    }

    private static string CrashWriterPath()
    {
        // tests/CotForge.Storage.Tests/bin/<config>/<tfm>/ → tests/CotForge.Storage.CrashWriter/bin/<config>/<tfm>/
        string testOutput = AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar);
        string tfm = Path.GetFileName(testOutput);
        string configuration = Path.GetFileName(Path.GetDirectoryName(testOutput)!);
        string testsRoot = Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(testOutput)!)!)!)!;
        string path = Path.Combine(testsRoot, "CotForge.Storage.CrashWriter", "bin", configuration, tfm, "CotForge.Storage.CrashWriter.dll");
        Assert.True(File.Exists(path), $"CrashWriter not built at {path}");
        return path;
    }
}
