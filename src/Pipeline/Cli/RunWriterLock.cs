using System.Globalization;
using SciCurate.Pipeline.Output;

namespace SciCurate.Pipeline.Cli;

/// <summary>
/// One `curate run` per output folder at a time: an exclusive OS lock on <c>.run.lock</c>, held for the whole run and
/// released by the OS when the process ends however it ends (kill -9 included). A second run on the same folder says
/// who holds it in one line and waits, then finds that run's inputs done: two runs never process one input twice.
/// The holder is written beside the lock (<c>.run.lock.holder</c>) because a locked file cannot be read.
/// `curate serve`'s intake jobs hold the same lock shared (<see cref="AcquireSharedAsync"/>): many jobs of a served run
/// write one output together, but never while a `curate run` writes it, and a `curate run` waits for them.
/// </summary>
public sealed class RunWriterLock : IDisposable
{
    public const string LockFile = ".run.lock";
    private const string HolderFile = ".run.lock.holder";

    private readonly FileStream _lock;

    private RunWriterLock(FileStream held) => _lock = held;

    /// <summary>Takes the lock, waiting (and saying so once on <paramref name="log"/>) while another process holds it.</summary>
    public static Task<RunWriterLock> AcquireAsync(OutputStore store, TextWriter log, CancellationToken ct) =>
        AcquireAsync(store, log, shared: false, ct);

    /// <summary>
    /// Takes the lock shared with other served jobs (a shared flock: opened for reading, not exclusive), waiting while a
    /// `curate run` holds it exclusively.
    /// </summary>
    public static Task<RunWriterLock> AcquireSharedAsync(OutputStore store, TextWriter log, CancellationToken ct) =>
        AcquireAsync(store, log, shared: true, ct);

    private static async Task<RunWriterLock> AcquireAsync(OutputStore store, TextWriter log, bool shared, CancellationToken ct)
    {
        var path = Path.Combine(store.Root, LockFile);
        var told = false;
        while (true)
        {
            try
            {
                if (shared && !File.Exists(path))
                {
                    OutputFaultException.Guard($"cannot use the output folder {store.Root}", () => new FileStream(path, FileMode.OpenOrCreate, FileAccess.Write, FileShare.ReadWrite).Dispose());
                }

                var held = OutputFaultException.Guard($"cannot use the output folder {store.Root}",
                    () => shared
                        ? new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite)
                        : new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
                File.WriteAllText(Path.Combine(store.Root, HolderFile), string.Create(CultureInfo.InvariantCulture,
                    $"{(shared ? "curate serve jobs" : "curate run")}, pid {Environment.ProcessId} on {Environment.MachineName}, since {DateTime.UtcNow:yyyy-MM-dd HH:mm:ss} UTC"));
                return new RunWriterLock(held);
            }
            catch (OutputFaultException e) when (e.InnerException is IOException { HResult: 11 or unchecked((int)0x80070020) })
            {
                if (!told)
                {
                    told = true;
                    await log.WriteLineAsync($"curate: waiting for {Holder(store)} to finish with {store.Root} (one run per output at a time; Ctrl-C to stop waiting)");
                }

                await Task.Delay(250, ct);
            }
        }
    }

    private static string Holder(OutputStore store)
    {
        try
        {
            return File.ReadAllText(Path.Combine(store.Root, HolderFile)).Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "another curate run";
        }
    }

    public void Dispose() => _lock.Dispose();
}
