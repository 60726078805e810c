using AngleSharp.Dom;

namespace SciCurate.DomainFilter.Web.Extraction;

/// <summary>Reads title, language, date and stated article body from a parsed page.</summary>
internal interface IPageMetadataReader
{
    PageMetadata Read(IDocument document);
}
