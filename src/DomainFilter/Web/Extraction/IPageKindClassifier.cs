using AngleSharp.Dom;

namespace SciCurate.DomainFilter.Web.Extraction;

/// <summary>Tells the kind of page before its scripts and head are cleaned away.</summary>
internal interface IPageKindClassifier
{
    PageKind Classify(IDocument document, ExtractionBudget budget);
}
