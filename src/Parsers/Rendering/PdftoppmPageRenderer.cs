using System.ComponentModel;
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
        var start = new ProcessStartInfo(options.Pdftoppm)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            CreateNoWindow = true,
        };
        start.ArgumentList.Add(jpeg ? "-jpeg" : "-png");
        if (jpeg)
        {
            start.ArgumentList.Add("-jpegopt");
            start.ArgumentList.Add($"quality={options.JpegQuality}");
        }

        var page = pageNo.ToString(CultureInfo.InvariantCulture);
        start.ArgumentList.Add("-r");
        start.ArgumentList.Add(dpi.ToString(CultureInfo.InvariantCulture));
        if (widthPt <= 0 || heightPt <= 0)
        {
            // Size unknown: let pdftoppm fit the longer side to the cap.
            start.ArgumentList.Add("-scale-to");
            start.ArgumentList.Add(options.MaxPixels.ToString(CultureInfo.InvariantCulture));
        }

        start.ArgumentList.Add("-f");
        start.ArgumentList.Add(page);
        start.ArgumentList.Add("-l");
        start.ArgumentList.Add(page);
        start.ArgumentList.Add(pdfPath);

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("process did not start");
        }
        catch (Exception e) when (e is Win32Exception or InvalidOperationException)
        {
            return Fail($"render failed: cannot start {options.Pdftoppm} ({e.Message}); install poppler-utils");
        }

        using (process)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(options.TimeoutSeconds));
            using var image = new MemoryStream();
            var stdout = process.StandardOutput.BaseStream.CopyToAsync(image, timeout.Token);
            var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
            try
            {
                await Task.WhenAll(stdout, stderr, process.WaitForExitAsync(timeout.Token));
            }
            catch (OperationCanceledException)
            {
                Kill(process);
                ct.ThrowIfCancellationRequested();
                return Fail($"render failed: time-out after {options.TimeoutSeconds} s");
            }

            if (process.ExitCode != 0)
            {
                var message = FirstLine(stderr.Result);
                return Fail($"render failed: pdftoppm exit code {process.ExitCode}{(message.Length > 0 ? ": " + message : "")}");
            }

            var bytes = image.ToArray();
            if (!LooksLikeImage(bytes, jpeg))
            {
                return Fail($"render failed: pdftoppm wrote no {(jpeg ? "JPEG" : "PNG")} image ({bytes.Length} bytes)");
            }

            return new RenderedPage(bytes, mediaType, dpi, clock.Elapsed.TotalMilliseconds, null);
        }

        RenderedPage Fail(string error) => new(null, mediaType, dpi, clock.Elapsed.TotalMilliseconds, error);
    }

    private static bool LooksLikeImage(byte[] bytes, bool jpeg) => jpeg
        ? bytes.Length > 3 && bytes[0] == 0xFF && bytes[1] == 0xD8
        : bytes.Length > 8 && bytes[0] == 0x89 && bytes[1] == (byte)'P' && bytes[2] == (byte)'N' && bytes[3] == (byte)'G';

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    private static string FirstLine(string text)
    {
        var line = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "";
        return line.Length > 200 ? line[..200] : line;
    }
}
