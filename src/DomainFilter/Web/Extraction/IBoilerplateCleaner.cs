using AngleSharp.Dom;

namespace SciCurate.DomainFilter.Web.Extraction;

/// <summary>Removes what is never main content: by tag and visibility first, then by class or id name once measured.</summary>
internal interface IBoilerplateCleaner
{
    /// <summary>Drops what is never main content. Returns false when the depth or element budget was exceeded.</summary>
    bool RemoveNonContent(IElement body, bool lenient, ExtractionBudget budget);

    /// <summary>Drops blocks whose class or id names boilerplate; true when any went.</summary>
    bool RemoveByName(IElement body, ElementStats stats, bool thread, ExtractionBudget budget);
}
