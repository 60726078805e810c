namespace SciCurate.Pipeline.Output;

/// <summary>
/// A lock held by an open file (flock on Linux, through <see cref="FileShare"/>): the OS releases it when the holder's
/// process ends however it ends (kill -9 included), so no lock is ever left behind. Exclusive: opened with
/// <see cref="FileShare.None"/>; shared: opened for reading only, so holders coexist with each other and exclude an
/// exclusive one. Separate opens conflict even inside one process (flock belongs to the open file, not the process).
/// The one way curate takes a lock: the manifest commit, the rewrite lock, the run lock and the served web intake.
/// </summary>
public static class FileLock
{
    private const int FirstDelayMs = 5;
    private const int MaxDelayMs = 250;

    /// <summary>
    /// Takes the lock, waiting while another holder has it, for at most <paramref name="maxWait"/>; then the last
    /// attempt's <see cref="IOException"/> is thrown. Any other error (a read-only folder, no permission) fails at once.
    /// </summary>
    public static FileStream Acquire(string path, bool shared, TimeSpan maxWait)
    {
        var deadline = DateTime.UtcNow + maxWait;
        for (var delay = FirstDelayMs; ; delay = Math.Min(delay * 2, MaxDelayMs))
        {
            if (TryAcquire(path, shared, last: DateTime.UtcNow >= deadline) is { } held)
            {
                return held;
            }

            Thread.Sleep(delay);
        }
    }

    /// <summary>
    /// Takes the lock, waiting as long as another holder has it (until <paramref name="ct"/> is cancelled);
    /// <paramref name="onBusy"/> is called once, the first time the lock is found held.
    /// </summary>
    public static async Task<FileStream> AcquireAsync(string path, bool shared, Func<Task>? onBusy, CancellationToken ct)
    {
        var told = false;
        for (var delay = FirstDelayMs; ; delay = Math.Min(delay * 2, MaxDelayMs))
        {
            if (TryAcquire(path, shared, last: false) is { } held)
            {
                return held;
            }

            if (!told && onBusy is not null)
            {
                told = true;
                await onBusy();
            }

            await Task.Delay(delay, ct);
        }
    }

    /// <summary>True for the error an open gives when another holder has the lock (EWOULDBLOCK; a sharing violation on Windows).</summary>
    public static bool IsHeld(IOException e) => e.HResult is 11 or unchecked((int)0x80070020);

    /// <summary>The lock, or null when another holder has it (thrown instead when <paramref name="last"/>).</summary>
    private static FileStream? TryAcquire(string path, bool shared, bool last)
    {
        try
        {
            if (!shared)
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }

            if (!File.Exists(path))
            {
                // A shared lock is an open for reading, which cannot create the file.
                new FileStream(path, FileMode.OpenOrCreate, FileAccess.Write, FileShare.ReadWrite).Dispose();
            }

            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        }
        catch (IOException e) when (IsHeld(e) && !last)
        {
            return null;
        }
    }
}
