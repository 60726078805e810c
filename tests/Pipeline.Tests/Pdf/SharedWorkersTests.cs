using Microsoft.Extensions.Logging.Abstractions;
using SciCurate.Pipeline.Configuration;
using SciCurate.Pipeline.Pdf;
using SciCurate.TestSupport;

namespace SciCurate.Pipeline.Tests.Pdf;

/// <summary>
/// Issue 11: the batch jobs of one host share their parse workers, so a worker's start-up is paid once, not per batch.
/// Not run beside other tests: <see cref="BoundedWorkerTests"/> counts the worker processes of the test process.
/// </summary>
[Trait("Category", "Slow")]
[Collection(nameof(SharedWorkersTests))]
public sealed class SharedWorkersTests
{
    private static readonly string[] Batch1 = [TestData.Pdf("base.pdf")];
    private static readonly string[] Batch2 = [TestData.Path("tests", "Pipeline.Tests", "data", "vlm", "mixed.pdf")];

    private static PdfCorpusRunner Runner(RunOptions run, WorkerPool? workers) =>
        new(run, new PendingHardPageStage(), NullLogger<PdfCorpusRunner>.Instance, () => WorkerPool.DefaultStartInfo(null)) { Workers = workers };

    [Fact]
    public async Task TwoBatchesSharingAPool_StartTheirWorkerOnce_AndBothFinishEveryDocument()
    {
        using var dir = TestData.NewTempDir();
        var run = new RunOptions { Workers = 1 };
        await using var pool = new WorkerPool(1, () => WorkerPool.DefaultStartInfo(null));

        var first = await Runner(run, pool).RunAsync(new RunRequest(Batch1, dir.File("out"), "b1"));
        var second = await Runner(run, pool).RunAsync(new RunRequest(Batch2, dir.File("out"), "b2"));

        Assert.Equal((1, 0), (first.DocumentsOk, first.DocumentsFailed));
        Assert.Equal((1, 0), (second.DocumentsOk, second.DocumentsFailed));
        Assert.Equal(1, first.WorkerStarts);
        Assert.Equal(0, second.WorkerStarts);
        Assert.Equal(1, pool.Started);
    }

    [Fact]
    public async Task RunsWithoutASharedPool_EachStartTheirOwnWorker()
    {
        using var dir = TestData.NewTempDir();
        var run = new RunOptions { Workers = 1 };

        var first = await Runner(run, null).RunAsync(new RunRequest(Batch1, dir.File("out"), "b1"));
        var second = await Runner(run, null).RunAsync(new RunRequest(Batch2, dir.File("out"), "b2"));

        Assert.Equal(1, first.WorkerStarts);
        Assert.Equal(1, second.WorkerStarts);
    }
}

[CollectionDefinition(nameof(SharedWorkersTests), DisableParallelization = true)]
public sealed class SharedWorkersTestsCollection;
