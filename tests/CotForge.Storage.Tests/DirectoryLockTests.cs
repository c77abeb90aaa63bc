using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using CotForge.Storage.Tests.Support;

namespace CotForge.Storage.Tests;

public sealed class DirectoryLockTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private string Dir => _temp.Location().DirectoryPath;

    [Fact]
    public async Task OpenWriter_SecondWriterOnSameDirectory_ThrowsDatasetLocked()
    {
        using var first = PersistenceManager.Open(_temp.Location());
        using var second = PersistenceManager.Open(_temp.Location());
        await using var writer = first.OpenWriter();

        var error = Assert.Throws<DatasetLockedException>(() => second.OpenWriter());

        Assert.Equal(Environment.ProcessId, error.HolderProcessId);
        Assert.Contains($"process {Environment.ProcessId}", error.Message, StringComparison.Ordinal);
        Assert.Contains("Only one writer", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenWriter_ForeignProcessHoldsTheOsLock_ThrowsNamingTheHolder()
    {
        Directory.CreateDirectory(Dir);
        using var child = ChildProcess.Sleep();
        WriteOwner(child.Id, child.StartTime.ToUniversalTime(), Environment.MachineName);
        using var held = new FileStream(Path.Combine(Dir, "cotforge.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        using var manager = PersistenceManager.Open(_temp.Location());

        var error = Assert.Throws<DatasetLockedException>(() => manager.OpenWriter());

        Assert.True(manager.IsReadOnly);
        Assert.Equal(child.Id, error.HolderProcessId);
        Assert.Equal(Environment.MachineName, error.HolderHostName);
        Assert.Contains(child.Id.ToString(CultureInfo.InvariantCulture), error.Message, StringComparison.Ordinal);
        Assert.Contains("Wait for that run", error.Message, StringComparison.Ordinal);
        await Task.CompletedTask;
    }

    [Fact]
    public void OpenWriter_OwnerFileNamesLiveProcessButOsLockIsFree_StillRefuses()
    {
        // File systems or runtimes that do not enforce the OS lock: the recorded live holder still wins.
        Directory.CreateDirectory(Dir);
        using var child = ChildProcess.Sleep();
        WriteOwner(child.Id, child.StartTime.ToUniversalTime(), Environment.MachineName);
        using var manager = PersistenceManager.Open(_temp.Location());

        var error = Assert.Throws<DatasetLockedException>(() => manager.OpenWriter());

        Assert.Equal(child.Id, error.HolderProcessId);
    }

    [Fact]
    public async Task OpenWriter_LockLeftByDeadProcess_IsTakenOver()
    {
        Directory.CreateDirectory(Dir);
        int deadPid;
        using (var gone = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!)
        {
            gone.WaitForExit();
            deadPid = gone.Id;
        }

        File.WriteAllText(Path.Combine(Dir, "cotforge.lock"), "left behind");
        WriteOwner(deadPid, DateTimeOffset.UtcNow.AddMinutes(-5), Environment.MachineName);
        using var manager = PersistenceManager.Open(_temp.Location());

        await using (var writer = manager.OpenWriter())
        {
            await writer.AppendAsync(TestItems.Item(1));
            var owner = JsonNode.Parse(File.ReadAllText(Path.Combine(Dir, "cotforge.lock.owner")))!;
            Assert.Equal(Environment.ProcessId, (int?)owner["pid"]);
        }

        Assert.True(manager.IsProcessed(TestItems.Id(1)));
        Assert.False(File.Exists(Path.Combine(Dir, "cotforge.lock.owner")));
    }

    [Fact]
    public async Task OpenWriter_OwnerPidRecycledByAnotherProcess_IsTakenOver()
    {
        // Our own pid is alive, but it was not started at the recorded time: the recorded holder is gone.
        Directory.CreateDirectory(Dir);
        WriteOwner(Environment.ProcessId, DateTimeOffset.UtcNow.AddDays(-3), Environment.MachineName);
        using var manager = PersistenceManager.Open(_temp.Location());

        await using var writer = manager.OpenWriter();

        Assert.False(manager.IsReadOnly);
    }

    [Fact]
    public async Task DisposeAsync_ReleasesTheLockForTheNextWriter()
    {
        using var first = PersistenceManager.Open(_temp.Location());
        await (await Task.FromResult(first.OpenWriter())).DisposeAsync();
        using var second = PersistenceManager.Open(_temp.Location());

        await using var writer = second.OpenWriter();

        Assert.False(second.IsReadOnly);
    }

    [Fact]
    public async Task Open_WhileAnotherWriterLives_IsReadOnlySeesCommitsAndRefusesMaintenance()
    {
        using var owner = PersistenceManager.Open(_temp.Location());
        await using var writer = owner.OpenWriter();
        await writer.AppendAsync(TestItems.Item(1));
        await writer.FlushAsync();

        using var reader = PersistenceManager.Open(_temp.Location());
        await writer.AppendAsync(TestItems.Item(2));
        await writer.FlushAsync();

        Assert.True(reader.IsReadOnly);
        Assert.True(reader.IsProcessed(TestItems.Id(1)));
        Assert.True(reader.IsProcessed(TestItems.Id(2)));
        Assert.Equal(2, reader.GetStatus().CompletedItems);
        Assert.Throws<DatasetLockedException>(() => reader.Reset());
        Assert.Throws<DatasetLockedException>(() => reader.Delete(TestItems.Id(1)));
        Assert.Throws<InvalidOperationException>(() => owner.Reset());
    }

    [Fact]
    public async Task Open_WhileWriterLivesAndIndexIsMissing_ServesFromAPrivateInMemoryIndex()
    {
        using var owner = PersistenceManager.Open(_temp.Location());
        await using (var writer = owner.OpenWriter())
        {
            await writer.AppendAsync(TestItems.Item(1));
        }

        owner.Dispose();
        foreach (string file in Directory.GetFiles(Dir, "index.sqlite*"))
        {
            File.Delete(file);
        }

        using var held = new FileStream(Path.Combine(Dir, "cotforge.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        using var reader = PersistenceManager.Open(_temp.Location());

        Assert.True(reader.LastRecovery.InMemoryIndex);
        Assert.True(reader.IsProcessed(TestItems.Id(1)));
        Assert.False(File.Exists(Path.Combine(Dir, "index.sqlite")));
    }

    private void WriteOwner(int pid, DateTimeOffset startTime, string host) =>
        File.WriteAllText(Path.Combine(Dir, "cotforge.lock.owner"), new JsonObject
        {
            ["pid"] = pid,
            ["process_start_time"] = startTime.ToString("O", CultureInfo.InvariantCulture),
            ["hostname"] = host,
            ["acquired_at"] = startTime.ToString("O", CultureInfo.InvariantCulture),
            ["process_name"] = "other",
        }.ToJsonString());
}
