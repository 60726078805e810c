using AngleSharp.Dom;

namespace SciCurate.DomainFilter.Web.Extraction;

/// <summary>Replaces the page's math markup by elements carrying LaTeX, before cleaning drops scripts.</summary>
internal interface IMathRewriter
{
    void Rewrite(IDocument document, IElement body, ExtractionBudget budget);
}
