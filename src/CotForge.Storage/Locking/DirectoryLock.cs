namespace CotForge.Storage.Locking;

/// <summary>
/// The exclusive lock of a dataset directory. It is held as an open <c>cotforge.lock</c> stream with
/// <see cref="FileShare.None"/> (an OS lock that dies with its process, so a crash never leaves a lock that needs
/// cleaning up), and the holder describes itself in <c>cotforge.lock.owner</c> (pid, process start time, host). The
/// owner file is also checked when the OS lock was free: if it names a process that is still alive, the lock is
/// refused, which covers file systems and runtimes where the OS lock is not enforced. A dead or recycled pid is a
/// stale lock and is taken over.
/// </summary>
internal sealed class DirectoryLock : IDisposable
{
    private readonly FileStream _stream;
    private readonly string _ownerPath;
    private readonly LockOwner _owner;
    private bool _disposed;

    private DirectoryLock(FileStream stream, string ownerPath, LockOwner owner)
    {
        _stream = stream;
        _ownerPath = ownerPath;
        _owner = owner;
    }

    /// <summary>Takes the lock or throws <see cref="DatasetLockedException"/> naming the holder and how to proceed.</summary>
    public static DirectoryLock Acquire(string directory, string lockPath, string ownerPath, TimeProvider time) =>
        TryAcquire(directory, lockPath, ownerPath, time, out var holder)
            ?? throw CreateLockedException(directory, ownerPath, holder);

    /// <summary>Takes the lock, or returns null (with the holder, when known) if a live process holds it.</summary>
    public static DirectoryLock? TryAcquire(string directory, string lockPath, string ownerPath, TimeProvider time, out LockOwner? holder)
    {
        Directory.CreateDirectory(directory);
        FileStream stream;
        try
        {
            stream = new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
        }
        catch (IOException e) when (e is not FileNotFoundException and not DirectoryNotFoundException and not PathTooLongException)
        {
            holder = LockOwner.TryRead(ownerPath);
            return null;
        }

        var previous = LockOwner.TryRead(ownerPath);
        if (previous is not null && previous.IsAlive())
        {
            // The OS lock was free, yet the recorded holder lives: locking is not enforced here, so trust the record.
            stream.Dispose();
            holder = previous;
            return null;
        }

        var owner = LockOwner.Current(time);
        WriteOwner(ownerPath, owner);
        holder = null;
        return new DirectoryLock(stream, ownerPath, owner);
    }

    public static DatasetLockedException CreateLockedException(string directory, string ownerPath, LockOwner? holder)
    {
        string who = holder is null ? "another process (its owner file could not be read)" : holder.Describe();
        string message =
            $"The dataset directory '{directory}' is in use by {who}. Only one writer may work on a dataset at a time. " +
            "Wait for that run to finish or stop it, or write to another dataset name. " +
            (holder is not null && !string.Equals(holder.HostName, Environment.MachineName, StringComparison.OrdinalIgnoreCase)
                ? $"The holder runs on another host and cannot be checked from here; if it is certainly gone, delete '{ownerPath}'."
                : "A lock left by a process that has died is taken over automatically.");
        return new DatasetLockedException(message)
        {
            HolderProcessId = holder?.ProcessId,
            HolderHostName = holder?.HostName,
            HolderStartTime = holder?.AcquiredAt,
        };
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        try
        {
            // Remove our record first, while the OS lock still keeps others out; never delete the lock file itself,
            // so that a waiting process cannot end up locking a deleted inode.
            if (LockOwner.TryRead(_ownerPath) is { } current && current.ProcessId == _owner.ProcessId && current.AcquiredAt == _owner.AcquiredAt)
            {
                File.Delete(_ownerPath);
            }
        }
        catch (IOException)
        {
            // A leftover owner file names a dead process and is taken over by the next writer.
        }
        finally
        {
            _stream.Dispose();
        }
    }

    private static void WriteOwner(string ownerPath, LockOwner owner)
    {
        string temp = ownerPath + ".tmp";
        File.WriteAllBytes(temp, owner.ToJson());
        File.Move(temp, ownerPath, overwrite: true);
    }
}
