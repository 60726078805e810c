namespace SciCurate.Pipeline.Cli;

/// <summary>
/// A run stopped by Ctrl-C or SIGTERM after committing what it had finished: the finished documents are in the
/// output, the rest is redone by the next run. Program prints <see cref="Exception.Message"/> as the run's last line.
/// </summary>
public sealed class RunInterruptedException(int documentsCommitted, int inputsLeft)
    : OperationCanceledException($"interrupted: committed {documentsCommitted} documents, {inputsLeft} inputs left for the next run")
{
    public int DocumentsCommitted => documentsCommitted;

    public int InputsLeft => inputsLeft;
}

/// <summary>
/// Commits in progress after an interrupt. The signal handler gives a stopping command a short grace before it ends
/// the process; a commit started in that time is let finish (up to <see cref="MaxCommitWait"/>), because ending it
/// half-way would throw away the finished documents it is recording. A second signal still ends the process at once.
/// </summary>
public static class CommitHold
{
    public static readonly TimeSpan MaxCommitWait = TimeSpan.FromSeconds(60);

    private static int _held;

    public static bool IsHeld => Volatile.Read(ref _held) > 0;

    /// <summary>Held while the final commit of an interrupted run is written.</summary>
    public static IDisposable Enter()
    {
        Interlocked.Increment(ref _held);
        return new Release();
    }

    private sealed class Release : IDisposable
    {
        private int _done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0)
            {
                Interlocked.Decrement(ref _held);
            }
        }
    }
}

/// <summary>
/// Holds <see cref="CommitHold"/> from the moment <c>ct</c> is cancelled: a run that commits its finished work after an
/// interrupt creates one once its output is open. The hold is never given back: after an interrupt the command only
/// commits, reports and returns, and releasing it any earlier would let the signal handler end the process between
/// the commit and the report. A command stuck after an interrupt still ends after <see cref="CommitHold.MaxCommitWait"/>.
/// </summary>
public sealed class InterruptHold(CancellationToken ct) : IDisposable
{
    private readonly CancellationTokenRegistration _registration = ct.Register(() => CommitHold.Enter());

    public void Dispose() => _registration.Dispose();
}

/// <summary>
/// Runs <c>onInterrupt</c> when the scope ends with <c>ct</c> cancelled (by an exception or not): a runner's last
/// commit after Ctrl-C, declared after the shards it commits so they are still open. What it throws (the
/// <see cref="RunInterruptedException"/>) replaces the cancellation.
/// </summary>
public sealed class OnInterrupt(Func<Task> onInterrupt, CancellationToken ct) : IAsyncDisposable
{
    public async ValueTask DisposeAsync()
    {
        if (ct.IsCancellationRequested)
        {
            await onInterrupt();
        }
    }
}
