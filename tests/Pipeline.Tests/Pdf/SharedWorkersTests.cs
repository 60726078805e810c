using Microsoft.Extensions.Logging.Abstractions;
using SciCurate.Pipeline.Cli;
using SciCurate.Pipeline.Configuration;
using SciCurate.Pipeline.Pdf;
using SciCurate.TestSupport;

namespace SciCurate.Pipeline.Tests.Pdf;

/// <summary>Issue 11: the batch jobs of one host share their parse workers, so a worker's start-up is paid once, not per batch.</summary>
[Trait("Category", "Slow")]
public sealed class SharedWorkersTests
{
    [Fact]
    public async Task TwoBatchesOfOneHost_StartTheirWorkersOnce_AndBothFinishEveryDocument()
    {
        using var dir = TestData.NewTempDir();
        var config = Path.Combine(dir.Path, "curate.json");
        File.WriteAllText(config, """{ "Run": { "Workers": 1 }, "Detector": { "Kind": "none" } }""");
        var composition = new Composition(CurateConfig.Load(config), NullLoggerFactory.Instance) { ShareWorkers = true };
        var output = Path.Combine(dir.Path, "out");

        var first = await composition.CreatePdfRunner().RunAsync(new RunRequest([TestData.Pdf("base.pdf")], output, "b1"));
        var second = await composition.CreatePdfRunner().RunAsync(new RunRequest([TestData.Path("tests", "Pipeline.Tests", "data", "vlm", "mixed.pdf")], output, "b2"));

        Assert.Equal((1, 0), (first.DocumentsOk, first.DocumentsFailed));
        Assert.Equal((1, 0), (second.DocumentsOk, second.DocumentsFailed));
        Assert.Equal(1, first.WorkerStarts);
        Assert.Equal(0, second.WorkerStarts);
    }

    [Fact]
    public async Task RunsWithoutASharedPool_StartTheirOwnWorkers()
    {
        using var dir = TestData.NewTempDir();
        var config = Path.Combine(dir.Path, "curate.json");
        File.WriteAllText(config, """{ "Run": { "Workers": 1 }, "Detector": { "Kind": "none" } }""");
        var composition = new Composition(CurateConfig.Load(config), NullLoggerFactory.Instance);
        var output = Path.Combine(dir.Path, "out");

        var first = await composition.CreatePdfRunner().RunAsync(new RunRequest([TestData.Pdf("base.pdf")], output, "b1"));
        var second = await composition.CreatePdfRunner().RunAsync(new RunRequest([TestData.Path("tests", "Pipeline.Tests", "data", "vlm", "mixed.pdf")], output, "b2"));

        Assert.Equal(1, first.WorkerStarts);
        Assert.Equal(1, second.WorkerStarts);
    }
}
