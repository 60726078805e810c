using System.Globalization;
using SciCurate.Pipeline.Output;

namespace SciCurate.Pipeline.Cli;

/// <summary>
/// One `curate run` per output folder at a time: an exclusive <see cref="FileLock"/> on <c>.run.lock</c>, held for the
/// whole run and released by the OS when the process ends however it ends (kill -9 included). A second run on the same
/// folder says who holds it in one line and waits, then finds that run's inputs done: two runs never process one input
/// twice. `curate serve`'s jobs hold the same lock shared (<see cref="AcquireSharedAsync"/>): many jobs of a served run
/// write one output together, but never while a `curate run` writes it, and a `curate run` waits for them.
/// </summary>
/// <remarks>
/// Each holder names itself in a file of its own under <c>.run.lock.holders/</c> (a locked file cannot be read, and
/// shared holders would overwrite one file), removed when it lets go. A holder killed before that leaves its file: a
/// waiter skips files of dead processes on its own machine, and whoever takes the lock exclusively removes them all.
/// </remarks>
public sealed class RunWriterLock : IDisposable
{
    public const string LockFile = ".run.lock";
    private const string HoldersFolder = ".run.lock.holders";

    private readonly FileStream _lock;
    private readonly string _holder;

    private RunWriterLock(FileStream held, string holder)
    {
        _lock = held;
        _holder = holder;
    }

    /// <summary>Takes the lock, waiting (and saying so once on <paramref name="log"/>) while another process holds it.</summary>
    public static Task<RunWriterLock> AcquireAsync(OutputStore store, TextWriter log, CancellationToken ct) =>
        AcquireAsync(store, log, shared: false, "curate run", ct);

    /// <summary>
    /// Takes the lock shared with other served jobs, waiting while a `curate run` holds it exclusively;
    /// <paramref name="job"/> names the job to a run that waits for it.
    /// </summary>
    public static Task<RunWriterLock> AcquireSharedAsync(OutputStore store, string job, TextWriter log, CancellationToken ct) =>
        AcquireAsync(store, log, shared: true, $"curate serve job {job}", ct);

    private static async Task<RunWriterLock> AcquireAsync(OutputStore store, TextWriter log, bool shared, string who, CancellationToken ct)
    {
        var what = $"cannot use the output folder {store.Root}";
        var held = await OutputFaultException.GuardAsync(what, () => FileLock.AcquireAsync(Path.Combine(store.Root, LockFile), shared,
            () => log.WriteLineAsync($"curate: waiting for {Holders(store)} to finish with {store.Root} (one run per output at a time; Ctrl-C to stop waiting)"), ct));
        try
        {
            var folder = Path.Combine(store.Root, HoldersFolder);
            var holder = Path.Combine(folder, $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid():N}");
            OutputFaultException.Guard(what, () =>
            {
                if (!shared && Directory.Exists(folder))
                {
                    // Held exclusively: every other holder has let go, and the files left are of holders killed before.
                    Directory.Delete(folder, recursive: true);
                }

                Directory.CreateDirectory(folder);
                File.WriteAllText(holder, string.Create(CultureInfo.InvariantCulture,
                    $"{who}, pid {Environment.ProcessId} on {Environment.MachineName}, since {DateTime.UtcNow:yyyy-MM-dd HH:mm:ss} UTC"));
            });
            return new RunWriterLock(held, holder);
        }
        catch
        {
            held.Dispose();
            throw;
        }
    }

    /// <summary>Every holder that named itself, oldest first; holders that died on this machine are left out.</summary>
    private static string Holders(OutputStore store)
    {
        var named = new List<(DateTime Since, string Text)>();
        try
        {
            foreach (var file in Directory.EnumerateFiles(Path.Combine(store.Root, HoldersFolder)))
            {
                if (IsDeadHere(Path.GetFileName(file)))
                {
                    continue;
                }

                try
                {
                    named.Add((File.GetLastWriteTimeUtc(file), File.ReadAllText(file).Trim()));
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // Removed by its holder in the meantime.
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // No holder named itself yet.
        }

        return named.Count switch
        {
            0 => "another curate process",
            1 => named[0].Text,
            _ => $"{named.Count} holders ({string.Join("; ", named.OrderBy(n => n.Since).Select(n => n.Text))})",
        };
    }

    /// <summary>True for a holder file of a process on this machine that no longer runs (killed before it let go).</summary>
    private static bool IsDeadHere(string name)
    {
        var parts = name.Split('-');
        if (parts.Length < 3 || !int.TryParse(parts[^2], CultureInfo.InvariantCulture, out var pid)
            || string.Join('-', parts[..^2]) != Environment.MachineName)
        {
            return false;
        }

        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return process.HasExited;
        }
        catch (ArgumentException)
        {
            return true;
        }
    }

    public void Dispose()
    {
        try
        {
            File.Delete(_holder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The folder went away (the output was moved or removed): nothing names this holder any more.
        }

        _lock.Dispose();
    }
}
