namespace SciCurate.Pipeline.Pdf;

/// <summary>Where a PDF page's Markdown came from (pdf_pages.route).</summary>
public enum PageRoute
{
    /// <summary>The cheap parser's text: the page was not hard.</summary>
    Cheap,

    /// <summary>Read by the VLM.</summary>
    Vlm,

    /// <summary>Hard, waiting for a VLM (none configured, or the endpoint was in trouble); the cheap text stands in.</summary>
    VlmPending,

    /// <summary>Hard, and the VLM's answer was refused or the page could not be rendered; the cheap text stands in.</summary>
    VlmFailed,

    /// <summary>The page could not be parsed at all.</summary>
    Failed,
}
