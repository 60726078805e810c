using System.Buffers.Binary;
using SciCurate.Parsers.Rendering;
using SciCurate.TestSupport;

namespace SciCurate.Parsers.Tests.Rendering;

/// <summary>Rendering with the real pdftoppm (Debian poppler-utils).</summary>
[Trait("Category", "Slow")]
public sealed class PdftoppmPageRendererTests
{
    private static readonly string Mixed = TestData.Path("tests", "Pipeline.Tests", "data", "vlm", "mixed.pdf");

    private static (int Width, int Height) PngSize(byte[] png) =>
        (BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4)), BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20, 4)));

    [Fact]
    public async Task Render_WritesAPng_AtTheConfiguredDpi()
    {
        var renderer = new PdftoppmPageRenderer(new PageRenderOptions { Dpi = 100, MaxPixels = 5000 });

        var page = await renderer.RenderAsync(Mixed, 2, 612, 792, default);

        Assert.True(page.Ok, page.Error);
        Assert.Equal("image/png", page.MediaType);
        Assert.Equal(100, page.Dpi);
        Assert.Equal((850, 1100), PngSize(page.Image!));
    }

    [Fact]
    public async Task Render_KeepsTheLongerSideWithinThePixelCap()
    {
        var renderer = new PdftoppmPageRenderer(new PageRenderOptions { Dpi = 300, MaxPixels = 1000 });

        var page = await renderer.RenderAsync(Mixed, 1, 612, 792, default);

        Assert.True(page.Ok, page.Error);
        var (w, h) = PngSize(page.Image!);
        Assert.InRange(h, 950, 1000);
        Assert.True(w < h);
        Assert.Equal(90, page.Dpi);
    }

    [Fact]
    public async Task Render_UsesScaleTo_WhenThePageSizeIsUnknown()
    {
        var renderer = new PdftoppmPageRenderer(new PageRenderOptions { MaxPixels = 640 });

        var page = await renderer.RenderAsync(Mixed, 1, 0, 0, default);

        Assert.True(page.Ok, page.Error);
        Assert.Equal(640, PngSize(page.Image!).Height);
    }

    [Fact]
    public async Task Render_WritesJpeg_WhenConfigured()
    {
        var renderer = new PdftoppmPageRenderer(new PageRenderOptions { Format = PageRenderOptions.FormatJpeg, Dpi = 72 });

        var page = await renderer.RenderAsync(Mixed, 3, 612, 792, default);

        Assert.True(page.Ok, page.Error);
        Assert.Equal("image/jpeg", page.MediaType);
        Assert.Equal([0xFF, 0xD8], page.Image![..2]);
    }

    [Fact]
    public async Task Render_IsDeterministic_SoTheImageHashCanKeyACache()
    {
        var renderer = new PdftoppmPageRenderer(new PageRenderOptions { Dpi = 72 });

        var a = await renderer.RenderAsync(Mixed, 2, 612, 792, default);
        var b = await renderer.RenderAsync(Mixed, 2, 612, 792, default);

        Assert.Equal(a.Image, b.Image);
    }

    [Fact]
    public async Task Render_RecordsAnError_ForAPageThatDoesNotExist()
    {
        var page = await new PdftoppmPageRenderer(new PageRenderOptions()).RenderAsync(Mixed, 9, 612, 792, default);

        Assert.False(page.Ok);
        Assert.Contains("exit code", page.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_RecordsAnError_ForAFileThatIsNotAPdf()
    {
        var path = Path.GetTempFileName();
        await File.WriteAllTextAsync(path, "not a pdf at all");
        try
        {
            var page = await new PdftoppmPageRenderer(new PageRenderOptions()).RenderAsync(path, 1, 612, 792, default);

            Assert.False(page.Ok);
            Assert.StartsWith("render failed", page.Error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Render_KillsTheRenderer_AfterTheTimeLimit()
    {
        var script = Path.Combine(Path.GetTempPath(), $"hung-pdftoppm-{Guid.NewGuid():N}.sh");
        await File.WriteAllTextAsync(script, "#!/bin/sh\nexec sleep 60\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        try
        {
            var renderer = new PdftoppmPageRenderer(new PageRenderOptions { Pdftoppm = script, TimeoutSeconds = 1 });
            var clock = System.Diagnostics.Stopwatch.StartNew();

            var page = await renderer.RenderAsync(Mixed, 1, 612, 792, default);

            Assert.False(page.Ok);
            Assert.Contains("time-out after 1 s", page.Error, StringComparison.Ordinal);
            // Not a speed check: at least the time limit, and well short of the hung renderer's own 60 s (it was killed).
            Assert.InRange(clock.Elapsed.TotalSeconds, 0.9, 50);
        }
        finally
        {
            File.Delete(script);
        }
    }

    [Fact]
    public async Task Render_RecordsAnError_WhenTheProgramIsMissing()
    {
        var renderer = new PdftoppmPageRenderer(new PageRenderOptions { Pdftoppm = "/nonexistent/pdftoppm" });

        var page = await renderer.RenderAsync(Mixed, 1, 612, 792, default);

        Assert.False(page.Ok);
        Assert.Contains("poppler-utils", page.Error, StringComparison.Ordinal);
    }
}
