using AngleSharp.Dom;

namespace SciCurate.DomainFilter.Web.Extraction;

/// <summary>Tells the kind of page before its scripts and head are cleaned away.</summary>
internal interface IPageKindClassifier
{
    PageKind Classify(IDocument document, ExtractionBudget budget);

    /// <summary>As <see cref="Classify(IDocument, ExtractionBudget)"/>, from the declaring elements already found in the page.</summary>
    PageKind Classify(DeclaredElements declared, ExtractionBudget budget);
}
