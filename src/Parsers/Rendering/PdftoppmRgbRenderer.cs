using System.ComponentModel;
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
        var start = new ProcessStartInfo(pdftoppm)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            CreateNoWindow = true,
        };
        var page = pageNo.ToString(CultureInfo.InvariantCulture);
        foreach (var arg in new[] { "-f", page, "-l", page, "-scale-to", longSidePixels.ToString(CultureInfo.InvariantCulture), pdfPath })
        {
            start.ArgumentList.Add(arg);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("process did not start");
        }
        catch (Exception e) when (e is Win32Exception or InvalidOperationException)
        {
            return Fail($"cannot start {pdftoppm} ({e.Message}); install poppler-utils");
        }

        using (process)
        {
            using var image = new MemoryStream();
            var stdout = process.StandardOutput.BaseStream.CopyToAsync(image);
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(timeout) || !Task.WaitAll([stdout, stderr], Remaining(timeout, clock)))
            {
                Kill(process);
                return Fail(string.Create(CultureInfo.InvariantCulture, $"time-out after {timeout.TotalSeconds:0.#} s"));
            }

            if (process.ExitCode != 0)
            {
                var line = stderr.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "";
                return Fail($"pdftoppm exit code {process.ExitCode}{(line.Length > 0 ? ": " + line[..Math.Min(200, line.Length)] : "")}");
            }

            try
            {
                return new RgbRender(RgbImage.ParsePpm(image.GetBuffer().AsSpan(0, (int)image.Length)), clock.Elapsed.TotalMilliseconds, null);
            }
            catch (FormatException e)
            {
                return Fail($"pdftoppm wrote no usable image ({image.Length} bytes): {e.Message}");
            }
        }

        RgbRender Fail(string error) => new(null, clock.Elapsed.TotalMilliseconds, "render failed: " + error);
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
        var clock = Stopwatch.StartNew();
        var root = Path.Combine(outDir, "p");
        var start = new ProcessStartInfo(pdftoppm)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            CreateNoWindow = true,
        };
        foreach (var arg in new[] { "-f", first.ToString(CultureInfo.InvariantCulture), "-l", last.ToString(CultureInfo.InvariantCulture),
            "-scale-to", longSidePixels.ToString(CultureInfo.InvariantCulture), pdfPath, root })
        {
            start.ArgumentList.Add(arg);
        }

        string? error = null;
        try
        {
            using var process = Process.Start(start) ?? throw new InvalidOperationException("process did not start");
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(timeout) || !Task.WaitAll([stdout, stderr], Remaining(timeout, clock)))
            {
                Kill(process);
                error = string.Create(CultureInfo.InvariantCulture, $"render failed: time-out after {timeout.TotalSeconds:0.#} s");
            }
            else if (process.ExitCode != 0)
            {
                error = $"render failed: pdftoppm exit code {process.ExitCode}";
            }
        }
        catch (Exception e) when (e is Win32Exception or InvalidOperationException)
        {
            return (new Dictionary<int, string>(), $"render failed: cannot start {pdftoppm} ({e.Message}); install poppler-utils");
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

        return (files, error);
    }

    private static TimeSpan Remaining(TimeSpan timeout, Stopwatch clock)
    {
        var left = timeout - clock.Elapsed;
        return left > TimeSpan.FromSeconds(1) ? left : TimeSpan.FromSeconds(1);
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(5000);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }
}
