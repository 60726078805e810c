namespace SciCurate.Parsers.Rendering;

/// <summary>A rendered page image, or why there is none.</summary>
public sealed record RenderedPage(byte[]? Image, string MediaType, int Dpi, double ElapsedMs, string? Error)
{
    public bool Ok => Error is null && Image is { Length: > 0 };
}

/// <summary>Renders one page of a PDF to an image.</summary>
public interface IPageRenderer
{
    /// <summary>Renders page <paramref name="pageNo"/> (1-based). Never throws for a bad page: the result carries the error.</summary>
    /// <param name="widthPt">Page width in points (0 if unknown), used to keep the image within the pixel cap.</param>
    /// <param name="heightPt">Page height in points (0 if unknown).</param>
    Task<RenderedPage> RenderAsync(string pdfPath, int pageNo, double widthPt, double heightPt, CancellationToken ct);
}
