using System.Diagnostics;
using System.Globalization;

namespace SciCurate.Parsers.Rendering;

/// <summary>
/// Renders pages with Poppler's pdftoppm in a child process, so a renderer crash or hang costs one page, never the run:
/// each page has a time limit after which the process is killed and the page recorded as failed. The image goes to
/// stdout (no output root given). Output is deterministic, so the image hash can key an answer cache.
/// </summary>
public sealed class PdftoppmPageRenderer(PageRenderOptions options) : IPageRenderer
{
    public PageRenderOptions Options => options;

    /// <summary>The resolution that keeps the longer side within the pixel cap.</summary>
    public int DpiFor(double widthPt, double heightPt)
    {
        var longSidePt = Math.Max(widthPt, heightPt);
        if (longSidePt <= 0)
        {
            return options.Dpi;
        }

        var capped = (int)Math.Floor(options.MaxPixels * 72.0 / longSidePt);
        return Math.Max(1, Math.Min(options.Dpi, capped));
    }

    public async Task<RenderedPage> RenderAsync(string pdfPath, int pageNo, double widthPt, double heightPt, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var jpeg = options.Format == PageRenderOptions.FormatJpeg;
        var mediaType = jpeg ? "image/jpeg" : "image/png";
        var dpi = DpiFor(widthPt, heightPt);
        var args = new List<string> { jpeg ? "-jpeg" : "-png" };
        if (jpeg)
        {
            args.AddRange(["-jpegopt", $"quality={options.JpegQuality}"]);
        }

        var page = pageNo.ToString(CultureInfo.InvariantCulture);
        args.AddRange(["-r", dpi.ToString(CultureInfo.InvariantCulture)]);
        if (widthPt <= 0 || heightPt <= 0)
        {
            // Size unknown: let pdftoppm fit the longer side to the cap.
            args.AddRange(["-scale-to", options.MaxPixels.ToString(CultureInfo.InvariantCulture)]);
        }

        args.AddRange(["-f", page, "-l", page, pdfPath]);
        using var image = new MemoryStream();
        var error = await PdftoppmProcess.RunAsync(options.Pdftoppm, args, image, TimeSpan.FromSeconds(options.TimeoutSeconds), ct);
        if (error is not null)
        {
            return Fail("render failed: " + error);
        }

        var bytes = image.ToArray();
        if (!LooksLikeImage(bytes, jpeg))
        {
            return Fail($"render failed: pdftoppm wrote no {(jpeg ? "JPEG" : "PNG")} image ({bytes.Length} bytes)");
        }

        return new RenderedPage(bytes, mediaType, dpi, clock.Elapsed.TotalMilliseconds, null);

        RenderedPage Fail(string error) => new(null, mediaType, dpi, clock.Elapsed.TotalMilliseconds, error);
    }

    private static bool LooksLikeImage(byte[] bytes, bool jpeg) => jpeg
        ? bytes.Length > 3 && bytes[0] == 0xFF && bytes[1] == 0xD8
        : bytes.Length > 8 && bytes[0] == 0x89 && bytes[1] == (byte)'P' && bytes[2] == (byte)'N' && bytes[3] == (byte)'G';
}
