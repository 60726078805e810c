using AngleSharp.Dom;

namespace SciCurate.DomainFilter.Web.Extraction;

/// <summary>Reads title, language, date and stated article body from a parsed page.</summary>
internal interface IPageMetadataReader
{
    PageMetadata Read(IDocument document);

    /// <summary>Prose-like strings from the page's JSON data scripts, in order, each once (a fallback for script-rendered pages).</summary>
    IReadOnlyList<string> ReadScriptProse(IDocument document, ExtractionBudget budget);
}
