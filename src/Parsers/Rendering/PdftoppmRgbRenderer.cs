using System.Diagnostics;
using System.Globalization;

namespace SciCurate.Parsers.Rendering;

/// <summary>A page as pixels, or why it could not be rendered.</summary>
public sealed record RgbRender(RgbImage? Image, double Milliseconds, string? Error);

/// <summary>
/// Renders one page to an RGB raster for image models: Poppler's pdftoppm in a child process writing binary PPM to
/// stdout (no PNG encode/decode on either side), the longer side scaled to a given number of pixels. The child is
/// killed with its process tree after the time limit; failures come back as <see cref="RgbRender.Error"/>, never thrown.
/// Synchronous, as the image model that consumes it is CPU work run by the caller's worker.
/// </summary>
public sealed class PdftoppmRgbRenderer(string pdftoppm = "pdftoppm")
{
    public RgbRender Render(string pdfPath, int pageNo, int longSidePixels, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        var page = pageNo.ToString(CultureInfo.InvariantCulture);
        using var image = new MemoryStream();
        var error = PdftoppmProcess.RunAsync(pdftoppm, ["-f", page, "-l", page, "-scale-to", longSidePixels.ToString(CultureInfo.InvariantCulture), pdfPath],
            image, timeout, CancellationToken.None).GetAwaiter().GetResult();
        if (error is not null)
        {
            return Fail(error);
        }

        try
        {
            return new RgbRender(RgbImage.ParsePpm(image.GetBuffer().AsSpan(0, (int)image.Length)), clock.Elapsed.TotalMilliseconds, null);
        }
        catch (FormatException e)
        {
            return Fail($"pdftoppm wrote no usable image ({image.Length} bytes): {e.Message}");
        }

        RgbRender Fail(string message) => new(null, clock.Elapsed.TotalMilliseconds, "render failed: " + message);
    }

    /// <summary>
    /// Renders pages <paramref name="first"/>..<paramref name="last"/> in one pdftoppm call into
    /// <paramref name="outDir"/> as PPM files (one process and one parse of the PDF for all of them: about 6× faster
    /// than a call per page). Returns the files written, by page number, and the error if the call failed or ran over
    /// <paramref name="timeout"/>; files written before a failure are still listed (a killed call's last file may be
    /// incomplete, which <see cref="RgbImage.ParsePpm"/> then reports).
    /// </summary>
    public (IReadOnlyDictionary<int, string> Files, string? Error) RenderRange(string pdfPath, int first, int last, int longSidePixels, TimeSpan timeout, string outDir)
    {
        var root = Path.Combine(outDir, "p");
        var error = PdftoppmProcess.RunAsync(pdftoppm, ["-f", first.ToString(CultureInfo.InvariantCulture), "-l", last.ToString(CultureInfo.InvariantCulture),
            "-scale-to", longSidePixels.ToString(CultureInfo.InvariantCulture), pdfPath, root], Stream.Null, timeout, CancellationToken.None).GetAwaiter().GetResult();
        if (error is not null && error.StartsWith("cannot start", StringComparison.Ordinal))
        {
            return (new Dictionary<int, string>(), "render failed: " + error);
        }

        // pdftoppm names pages root-N.ppm, N zero-padded to the digits of the document's page count.
        var files = new Dictionary<int, string>();
        foreach (var file in Directory.EnumerateFiles(outDir, "p-*.ppm"))
        {
            var name = Path.GetFileNameWithoutExtension(file);
            if (int.TryParse(name.AsSpan(2), NumberStyles.None, CultureInfo.InvariantCulture, out var page) && page >= first && page <= last)
            {
                files[page] = file;
            }
        }

        return (files, error is null ? null : "render failed: " + error);
    }
}
