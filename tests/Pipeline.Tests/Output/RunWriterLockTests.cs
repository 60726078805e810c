using SciCurate.Pipeline.Cli;
using SciCurate.Pipeline.Output;

namespace SciCurate.Pipeline.Tests.Output;

/// <summary>
/// `curate run` holds the output's run lock exclusively, served intake jobs hold it shared: jobs write together, never
/// beside a run. Separate opens of the lock file conflict even inside one process (flock is per open file).
/// </summary>
public sealed class RunWriterLockTests
{
    [Fact]
    public async Task SharedHolders_CoexistWithEachOther_AndExcludeARun_BothWays()
    {
        var dir = Directory.CreateTempSubdirectory("runlock-").FullName;
        var store = new OutputStore(dir);
        var log = new StringWriter();

        using (await RunWriterLock.AcquireAsync(store, log, CancellationToken.None))
        {
            // A served job waits (and says whom for) while a run holds the output.
            using var wait = new CancellationTokenSource(TimeSpan.FromMilliseconds(600));
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => RunWriterLock.AcquireSharedAsync(store, "web a", log, wait.Token));
            Assert.Contains("waiting for curate run, pid", log.ToString(), StringComparison.Ordinal);
        }

        using (await RunWriterLock.AcquireSharedAsync(store, "pdf b1", TextWriter.Null, CancellationToken.None))
        using (await RunWriterLock.AcquireSharedAsync(store, "web w1", TextWriter.Null, CancellationToken.None))
        {
            // Two jobs at once are fine; a run waits for both and names both, not only the last to arrive.
            using var wait = new CancellationTokenSource(TimeSpan.FromMilliseconds(600));
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => RunWriterLock.AcquireAsync(store, log, wait.Token));
            var waited = log.ToString();
            Assert.Contains("waiting for 2 holders (curate serve job ", waited, StringComparison.Ordinal);
            Assert.Contains("curate serve job pdf b1, pid", waited, StringComparison.Ordinal);
            Assert.Contains("curate serve job web w1, pid", waited, StringComparison.Ordinal);
        }

        using (await RunWriterLock.AcquireSharedAsync(store, "pdf b2", TextWriter.Null, CancellationToken.None))
        {
            // The jobs that let go no longer count: the one still holding is named alone.
            using var wait = new CancellationTokenSource(TimeSpan.FromMilliseconds(600));
            var alone = new StringWriter();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => RunWriterLock.AcquireAsync(store, alone, wait.Token));
            Assert.Contains("waiting for curate serve job pdf b2, pid", alone.ToString(), StringComparison.Ordinal);
            Assert.DoesNotContain("pdf b1", alone.ToString(), StringComparison.Ordinal);
        }

        using (await RunWriterLock.AcquireAsync(store, TextWriter.Null, CancellationToken.None))
        {
            // Released by both: the run gets it.
        }

        Directory.Delete(dir, recursive: true);
    }

    [Fact]
    public async Task AHolderKilledBeforeItLetGo_IsNotNamed_AndARunRemovesItsName()
    {
        var dir = Directory.CreateTempSubdirectory("runlock-").FullName;
        var store = new OutputStore(dir);
        var holders = Path.Combine(dir, ".run.lock.holders");

        // A job on this machine killed by SIGKILL: the OS dropped its lock, its name stayed behind.
        using var gone = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("true") { UseShellExecute = false })!;
        await gone.WaitForExitAsync();
        Directory.CreateDirectory(holders);
        File.WriteAllText(Path.Combine(holders, $"{Environment.MachineName}-{gone.Id}-0"), "curate serve job web dead, pid 1 on here");

        using (await RunWriterLock.AcquireSharedAsync(store, "web alive", TextWriter.Null, CancellationToken.None))
        {
            using var wait = new CancellationTokenSource(TimeSpan.FromMilliseconds(600));
            var log = new StringWriter();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => RunWriterLock.AcquireAsync(store, log, wait.Token));
            Assert.Contains("waiting for curate serve job web alive, pid", log.ToString(), StringComparison.Ordinal);
            Assert.DoesNotContain("dead", log.ToString(), StringComparison.Ordinal);
        }

        using (await RunWriterLock.AcquireAsync(store, TextWriter.Null, CancellationToken.None))
        {
            Assert.Single(Directory.GetFiles(holders));
        }

        Assert.Empty(Directory.GetFiles(holders));
        Directory.Delete(dir, recursive: true);
    }
}
