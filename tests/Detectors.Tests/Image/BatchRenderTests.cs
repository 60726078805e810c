using SciCurate.Detectors.Image;
using SciCurate.TestSupport;

namespace SciCurate.Detectors.Tests.Image;

/// <summary>Rendering ahead: one pdftoppm call for the pages of a pass, the same pixels as one call per page.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
[Trait("Category", "Slow")]
public sealed class BatchRenderTests : IDisposable
{
    private const int Pages = 5;

    private readonly TinyYolo _models = new();
    private readonly string _dir = Directory.CreateTempSubdirectory("batch-render-").FullName;
    private readonly string _pdf;
    private readonly string _log;

    public BatchRenderTests()
    {
        _pdf = Path.Combine(_dir, "report.pdf");
        File.WriteAllBytes(_pdf, SyntheticPdf.Report("batch", Pages));
        _log = Path.Combine(_dir, "calls.log");
    }

    public void Dispose()
    {
        _models.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    /// <summary>A pdftoppm that logs its page range and, when <paramref name="failRanges"/>, refuses multi-page calls.</summary>
    private string Wrapper(bool failRanges)
    {
        var script = Path.Combine(_dir, failRanges ? "failing-pdftoppm" : "logging-pdftoppm");
        var refuse = failRanges ? "[ \"$2\" != \"$4\" ] && exit 3\n" : "";
        File.WriteAllText(script, $"#!/bin/sh\necho \"$2-$4\" >> '{_log}'\n{refuse}exec pdftoppm \"$@\"\n");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return script;
    }

    private List<byte[]> RenderAll(string pdftoppm, int batchPages, int lastPage)
    {
        string? batchDir;
        List<byte[]> pixels;
        using (var detector = new YoloFormulaDetector(_models.V8(2, new RawBox(1, 1, 1, 1, 0, 0)),
            TinyYolo.Options(o => o.RenderBatchPages = batchPages), pdftoppm))
        {
            pixels = [.. Enumerable.Range(1, Pages).Select(p => detector.RenderPage(new PageSource(_pdf, p, 612, 792, lastPage))!.Pixels)];
            batchDir = detector.BatchDirectory;
            Assert.True(batchDir is null || !Directory.EnumerateFiles(batchDir).Any(), "rendered pages left behind");
        }

        Assert.True(batchDir is null || !Directory.Exists(batchDir), "batch folder left behind");
        return pixels;
    }

    private string[] Calls()
    {
        var calls = File.ReadAllLines(_log);
        File.Delete(_log);
        return calls;
    }

    [Fact]
    public void RenderPage_RendersThePassInOneCall_WithTheSamePixelsAsPageByPage()
    {
        var single = RenderAll(Wrapper(failRanges: false), batchPages: 1, lastPage: Pages);
        Assert.Equal(["1-1", "2-2", "3-3", "4-4", "5-5"], Calls());

        var batched = RenderAll(Wrapper(failRanges: false), batchPages: 16, lastPage: Pages);
        Assert.Equal(["1-5"], Calls());

        var windowed = RenderAll(Wrapper(failRanges: false), batchPages: 2, lastPage: Pages);
        Assert.Equal(["1-2", "3-4", "5-5"], Calls());

        Assert.NotEqual(single[0], single[1]); // pages differ, so a page mix-up would show
        for (var i = 0; i < Pages; i++)
        {
            Assert.Equal(single[i], batched[i]);
            Assert.Equal(single[i], windowed[i]);
        }
    }

    [Fact]
    public void RenderPage_RemovesFoldersLeftByKilledWorkers_AndKeepsThoseOfLiveOnes()
    {
        var dead = Directory.CreateTempSubdirectory(YoloFormulaDetector.BatchDirectoryPrefix + DeadPid() + "-").FullName;
        File.WriteAllText(Path.Combine(dead, "p-1.ppm"), "left over");
        var live = Directory.CreateTempSubdirectory(YoloFormulaDetector.BatchDirectoryPrefix + Environment.ProcessId + "-").FullName;
        try
        {
            RenderAll("pdftoppm", batchPages: 16, lastPage: Pages);

            Assert.False(Directory.Exists(dead));
            Assert.True(Directory.Exists(live));
        }
        finally
        {
            Directory.Delete(live, recursive: true);
        }
    }

    /// <summary>A process id with no process: one that just exited.</summary>
    private static int DeadPid()
    {
        using var p = System.Diagnostics.Process.Start("true")!;
        p.WaitForExit();
        return p.Id;
    }

    [Fact]
    public void RenderPage_AfterAFailedBatch_RendersTheRestPageByPage_OnlyOnce()
    {
        var expected = RenderAll("pdftoppm", batchPages: 1, lastPage: 0);

        var rendered = RenderAll(Wrapper(failRanges: true), batchPages: 16, lastPage: Pages);

        Assert.Equal(["1-5", "1-1", "2-2", "3-3", "4-4", "5-5"], Calls());
        for (var i = 0; i < Pages; i++)
        {
            Assert.Equal(expected[i], rendered[i]);
        }
    }
}
