namespace SciCurate.Pipeline.Pdf;

/// <summary>Route names written to pdf_pages.route.</summary>
public static class PageRoutes
{
    public const string Cheap = "cheap";
    public const string Vlm = "vlm";
    public const string VlmPending = "vlm_pending";
    public const string VlmFailed = "vlm_failed";
    public const string Failed = "failed";
}
