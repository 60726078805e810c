namespace SciCurate.Detectors;

/// <summary>
/// Where a page comes from, for detectors that look at the page itself: PDF file, 1-based page number, size in points,
/// and the last page the caller will ask for next in the same pass (0: unknown), so a detector may render ahead.
/// </summary>
public sealed record PageSource(string PdfPath, int PageNumber, double WidthPt, double HeightPt, int LastPage = 0);

/// <summary>
/// A detector that needs the page image, not only its features (for example a formula-detection model on the rendered
/// page). The page processor passes the page's source to it; <see cref="IHardPageDetector.Detect"/> alone is not enough.
/// </summary>
public interface IPageImageDetector : IHardPageDetector
{
    HardPageVerdict Detect(PageFeatures features, PageSource source);
}
