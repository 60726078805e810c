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
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => RunWriterLock.AcquireSharedAsync(store, log, wait.Token));
            Assert.Contains("waiting for curate run, pid", log.ToString(), StringComparison.Ordinal);
        }

        using (await RunWriterLock.AcquireSharedAsync(store, TextWriter.Null, CancellationToken.None))
        using (await RunWriterLock.AcquireSharedAsync(store, TextWriter.Null, CancellationToken.None))
        {
            // Two jobs at once are fine; a run waits for both.
            using var wait = new CancellationTokenSource(TimeSpan.FromMilliseconds(600));
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => RunWriterLock.AcquireAsync(store, log, wait.Token));
            Assert.Contains("waiting for curate serve jobs, pid", log.ToString(), StringComparison.Ordinal);
        }

        using (await RunWriterLock.AcquireAsync(store, TextWriter.Null, CancellationToken.None))
        {
            // Released by both: the run gets it.
        }
    }
}
