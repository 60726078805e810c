using AngleSharp.Dom;

namespace SciCurate.DomainFilter.Web.Extraction;

/// <summary>Reads title, language, date and stated article body from a parsed page.</summary>
internal interface IPageMetadataReader
{
    /// <summary>The page's title, language, date and stated body, from the declaring elements already found in it.</summary>
    PageMetadata Read(IDocument document, DeclaredElements declared);

    /// <summary>Prose-like strings from the page's JSON data scripts, in order, each once (a fallback for script-rendered pages).</summary>
    IReadOnlyList<string> ReadScriptProse(IDocument document, ExtractionBudget budget);

    /// <summary>
    /// The longest description the site cut short (ending in an ellipsis): an excerpt of the page's own text rather
    /// than a summary of it, ending at its last whole word. Null when no description was cut.
    /// </summary>
    string? ReadExcerpt(IDocument document);
}
