namespace SciCurate.Parsers.Rendering;

/// <summary>How hard pages are rendered for the VLM (config section "PageRender").</summary>
public sealed class PageRenderOptions
{
    public const string FormatPng = "png";
    public const string FormatJpeg = "jpeg";

    /// <summary>Resolution in dots per inch, lowered for large pages so the image stays within <see cref="MaxPixels"/>.</summary>
    public int Dpi { get; set; } = 150;

    /// <summary>Cap on the longer side of the image in pixels (vision models downscale larger images anyway).</summary>
    public int MaxPixels { get; set; } = 1600;

    /// <summary><c>png</c> (lossless, ~3× slower to encode) or <c>jpeg</c>.</summary>
    public string Format { get; set; } = FormatPng;

    public int JpegQuality { get; set; } = 90;

    /// <summary>A page still rendering after this many seconds is abandoned (the renderer is killed) and recorded as failed.</summary>
    public int TimeoutSeconds { get; set; } = 60;

    /// <summary>The pdftoppm program (Debian package poppler-utils).</summary>
    public string Pdftoppm { get; set; } = "pdftoppm";

    public IEnumerable<string> Validate(string section)
    {
        if (Dpi is < 36 or > 1200)
        {
            yield return $"{section}:Dpi must be between 36 and 1200";
        }

        if (MaxPixels is < 64 or > 20000)
        {
            yield return $"{section}:MaxPixels must be between 64 and 20000";
        }

        if (Format is not (FormatPng or FormatJpeg))
        {
            yield return $"{section}:Format must be '{FormatPng}' or '{FormatJpeg}'";
        }

        if (JpegQuality is < 1 or > 100)
        {
            yield return $"{section}:JpegQuality must be between 1 and 100";
        }

        if (TimeoutSeconds < 1)
        {
            yield return $"{section}:TimeoutSeconds must be at least 1";
        }
    }
}
